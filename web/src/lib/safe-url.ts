/*
 * Links built from stored data (notes, people's links, events, resources)
 * open only http(s) URLs. The server accepts nothing else, but data can also
 * come from a restored backup or an import: a javascript:, data: or vbscript:
 * URL (in any case, with entities, blanks or control characters around the
 * scheme) becomes a harmless '#'.
 */
export function safeUrl(url: string): string {
  // What a browser does before it reads the scheme: strip leading C0 controls and blanks, tabs and newlines inside.
  const cleaned = url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  return /^https?:\/\/[^\s]/i.test(cleaned) && cleaned === url ? url : '#';
}

export type InlinePiece =
  | { kind: 'text'; text: string }
  | { kind: 'bold'; text: string }
  | { kind: 'link'; text: string; href: string };

/**
 * The inline Markdown of a note line as pieces: [label](url), **bold** and bare
 * URLs, in that order of precedence; only http(s) URLs become links, anything
 * else stays text as typed.
 */
export function inlinePieces(text: string): InlinePiece[] {
  const out: InlinePiece[] = [];
  const re = /\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)|\*\*([^*]+)\*\*|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/gi;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    const [whole, label, url, bold, bare] = m;
    const href = url ?? bare;
    if (href && safeUrl(href) !== '#') out.push({ kind: 'link', text: label ?? href, href });
    else if (bold) out.push({ kind: 'bold', text: bold });
    else out.push({ kind: 'text', text: whole });
    last = m.index + whole.length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}
