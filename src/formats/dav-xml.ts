/*
 * A small XML reader and writer for WebDAV request and response bodies
 * (PROPFIND, REPORT). It resolves namespace prefixes (xmlns, xmlns:p, nested
 * redeclarations), so `<D:prop xmlns:D="DAV:">` and `<prop xmlns="DAV:">` are
 * the same element. No DTDs, no external entities: a body with <!DOCTYPE is
 * refused, which also rules out entity-expansion attacks.
 */

export const DAV = 'DAV:';
export const CARDDAV = 'urn:ietf:params:xml:ns:carddav';
export const CALSERVER = 'http://calendarserver.org/ns/';

export interface XmlElement {
  ns: string;
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    const v = ENTITIES[e];
    if (v === undefined) throw new XmlError(`unknown entity ${m}`);
    return v;
  });
}

const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;

/** Parses a document and returns its root element. Throws XmlError on malformed input. */
export function parseXml(input: string): XmlElement {
  const s = input.replace(/^\uFEFF/, '');
  let i = 0;
  const stack: { el: XmlElement; qname: string; scope: Map<string, string> }[] = [];
  let root: XmlElement | null = null;
  const fail = (msg: string): never => {
    throw new XmlError(`${msg} at offset ${i}`);
  };
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const textEnd = lt === -1 ? s.length : lt;
    if (textEnd > i) {
      const text = s.slice(i, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.el.text += decode(text);
      else if (text.trim() !== '') fail('text outside the root element');
      i = textEnd;
      continue;
    }
    if (s.startsWith('<?', i)) {
      const end = s.indexOf('?>', i);
      if (end === -1) fail('unterminated processing instruction');
      i = end + 2;
    } else if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i);
      if (end === -1) fail('unterminated comment');
      i = end + 3;
    } else if (s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i);
      if (end === -1) fail('unterminated CDATA');
      const top = stack[stack.length - 1];
      if (!top) fail('CDATA outside the root element');
      else top.el.text += s.slice(i + 9, end);
      i = end + 3;
    } else if (s.startsWith('<!', i)) {
      fail('DOCTYPE and declarations are not accepted');
    } else if (s.startsWith('</', i)) {
      const m = NAME.exec(s.slice(i + 2));
      const top = stack.pop();
      if (!m || !top || m[0] !== top.qname) fail('mismatched closing tag');
      const end = s.indexOf('>', i);
      if (end === -1) fail('unterminated closing tag');
      i = end + 1;
    } else {
      i += 1;
      const m = NAME.exec(s.slice(i));
      if (!m) fail('bad element name');
      const qname = (m as RegExpExecArray)[0];
      i += qname.length;
      const rawAttrs: [string, string][] = [];
      let selfClosing = false;
      for (;;) {
        while (/\s/.test(s[i] ?? '')) i++;
        if (s.startsWith('/>', i)) {
          selfClosing = true;
          i += 2;
          break;
        }
        if (s[i] === '>') {
          i += 1;
          break;
        }
        const a = NAME.exec(s.slice(i));
        if (!a) fail('bad attribute');
        const aname = (a as RegExpExecArray)[0];
        i += aname.length;
        while (/\s/.test(s[i] ?? '')) i++;
        if (s[i] !== '=') fail('attribute without a value');
        i += 1;
        while (/\s/.test(s[i] ?? '')) i++;
        const q = s[i];
        if (q !== '"' && q !== "'") fail('unquoted attribute value');
        const end = s.indexOf(q as string, i + 1);
        if (end === -1) fail('unterminated attribute value');
        rawAttrs.push([aname, decode(s.slice(i + 1, end))]);
        i = end + 1;
      }
      const parent = stack[stack.length - 1];
      const scope = new Map(parent?.scope ?? []);
      const attrs: Record<string, string> = {};
      for (const [k, v] of rawAttrs) {
        if (k === 'xmlns') scope.set('', v);
        else if (k.startsWith('xmlns:')) scope.set(k.slice(6), v);
        else attrs[k] = v;
      }
      const colon = qname.indexOf(':');
      const prefix = colon === -1 ? '' : qname.slice(0, colon);
      const local = colon === -1 ? qname : qname.slice(colon + 1);
      const ns = scope.get(prefix);
      if (ns === undefined && prefix !== '') fail(`undeclared namespace prefix "${prefix}"`);
      const el: XmlElement = { ns: ns ?? '', name: local, attrs, children: [], text: '' };
      if (parent) parent.el.children.push(el);
      else if (root) fail('more than one root element');
      else root = el;
      if (!selfClosing) stack.push({ el, qname, scope });
    }
  }
  if (stack.length > 0) fail('unclosed element');
  if (!root) throw new XmlError('empty document');
  return root;
}

export function child(el: XmlElement, ns: string, name: string): XmlElement | undefined {
  return el.children.find((c) => c.ns === ns && c.name === name);
}

export function childrenOf(el: XmlElement, ns: string, name: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ns && c.name === name);
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

const PREFIXES: Record<string, string> = { [DAV]: 'd', [CARDDAV]: 'card', [CALSERVER]: 'cs' };

/** The qualified name used in responses; unknown namespaces get an inline declaration. */
export function qname(ns: string, name: string): { open: string; close: string; empty: string } {
  const p = PREFIXES[ns];
  if (p) return { open: `<${p}:${name}>`, close: `</${p}:${name}>`, empty: `<${p}:${name}/>` };
  const decl = ns === '' ? ' xmlns=""' : ` xmlns="${escapeXml(ns)}"`;
  return { open: `<${name}${decl}>`, close: `</${name}>`, empty: `<${name}${decl}/>` };
}

export const MULTISTATUS_OPEN = `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus xmlns:d="DAV:" xmlns:card="${CARDDAV}" xmlns:cs="${CALSERVER}">`;
export const MULTISTATUS_CLOSE = '</d:multistatus>';
