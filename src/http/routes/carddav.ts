import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  CALSERVER,
  CARDDAV,
  child,
  childrenOf,
  DAV,
  escapeXml,
  MULTISTATUS_CLOSE,
  MULTISTATUS_OPEN,
  parseXml,
  qname,
  type XmlElement,
  XmlError,
} from '../../formats/dav-xml.js';
import { unescapeText } from '../../formats/vcard.js';
import type { CardRef } from '../../services/carddav.service.js';
import type { Actor } from '../../services/context.js';
import type { Services } from '../../services/index.js';
import type { UserRow } from '../../storage/schema.js';
import { BASIC_CHALLENGE } from '../auth.js';

/*
 * CardDAV (RFC 6352) over the workspace's people, with discovery (RFC 6764)
 * and sync-collection (RFC 6578). One address book per user:
 *
 *   /.well-known/carddav                 → 301 /dav/
 *   /dav/                                 context root (current-user-principal)
 *   /dav/principals/<user id>/            the principal (addressbook-home-set)
 *   /dav/addressbooks/<user id>/          the home
 *   /dav/addressbooks/<user id>/contacts/ the address book
 *   /dav/addressbooks/<user id>/contacts/<name>.vcf  a card
 *
 * Clients sign in with HTTP Basic: any user name, an API token as the
 * password (src/http/auth.ts). A read-only token can read, not write.
 */

const ROOT = '/dav/';
const MAX_CARD_BYTES = 10 * 1024 * 1024;
const CONTENT_TYPE = 'text/vcard; charset=utf-8';
const DAV_METHODS = ['OPTIONS', 'GET', 'HEAD', 'PUT', 'DELETE', 'PROPFIND', 'PROPPATCH', 'REPORT', 'MKCOL'];

type Target =
  | { kind: 'root' }
  | { kind: 'principal' }
  | { kind: 'home' }
  | { kind: 'book' }
  | { kind: 'card'; name: string }
  | { kind: 'none' };

interface Ctx {
  actor: Actor;
  user: UserRow;
  services: Services;
  principal: string;
  home: string;
  book: string;
}

type PropKey = `${string}|${string}`;
const key = (ns: string, name: string): PropKey => `${ns}|${name}`;

function hrefOf(path: string): string {
  return `<d:href>${escapeXml(path)}</d:href>`;
}

function propstat(found: Map<PropKey, string | null>, missing: [string, string][]): string {
  let out = '';
  if (found.size > 0) {
    out += '<d:propstat><d:prop>';
    for (const [k, v] of found) {
      const bar = k.indexOf('|');
      const q = qname(k.slice(0, bar), k.slice(bar + 1));
      out += v === null ? q.empty : `${q.open}${v}${q.close}`;
    }
    out += '</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>';
  }
  if (missing.length > 0) {
    out += '<d:propstat><d:prop>';
    for (const [ns, name] of missing) out += qname(ns, name).empty;
    out += '</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>';
  }
  return out;
}

/** Which properties a PROPFIND or REPORT asks for; null means allprop. */
function requestedProps(el: XmlElement | undefined): [string, string][] | null {
  if (!el) return null;
  const prop = child(el, DAV, 'prop');
  if (!prop) return null;
  return prop.children.map((c) => [c.ns, c.name]);
}

function respond(path: string, available: Map<PropKey, string | null>, wanted: [string, string][] | null): string {
  const found = new Map<PropKey, string | null>();
  const missing: [string, string][] = [];
  if (wanted === null) {
    for (const [k, v] of available) if (k !== key(CARDDAV, 'address-data')) found.set(k, v);
  } else {
    for (const [ns, name] of wanted) {
      const k = key(ns, name);
      if (available.has(k)) found.set(k, available.get(k) ?? null);
      else missing.push([ns, name]);
    }
  }
  return `<d:response>${hrefOf(path)}${propstat(found, missing)}</d:response>`;
}

function matchesEtag(header: string | undefined, etag: string | null): boolean {
  if (!header) return true;
  if (header.trim() === '*') return etag !== null;
  if (etag === null) return false;
  return header
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === etag);
}

/** The values of one property in a card (unfolded, group and parameters dropped). */
function propertyValues(card: string, name: string): string[] {
  const unfolded = card.replace(/\r?\n[ \t]/g, '');
  const out: string[] = [];
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const head = line.slice(0, colon).split(';')[0] ?? '';
    const prop = head.includes('.') ? head.slice(head.indexOf('.') + 1) : head;
    if (prop.toUpperCase() === name.toUpperCase()) out.push(unescapeText(line.slice(colon + 1)));
  }
  return out;
}

function textMatches(value: string, tm: XmlElement): boolean {
  const needle = tm.text.toLocaleLowerCase();
  const hay = value.toLocaleLowerCase();
  const type = tm.attrs['match-type'] ?? 'contains';
  const hit =
    type === 'equals'
      ? hay === needle
      : type === 'starts-with'
        ? hay.startsWith(needle)
        : type === 'ends-with'
          ? hay.endsWith(needle)
          : hay.includes(needle);
  return tm.attrs['negate-condition'] === 'yes' ? !hit : hit;
}

/** RFC 6352 §10.5 filter, text-match with the default collation (case-insensitive). */
function cardMatches(card: string, filter: XmlElement | undefined): boolean {
  if (!filter) return true;
  const propFilters = childrenOf(filter, CARDDAV, 'prop-filter');
  if (propFilters.length === 0) return true;
  const one = (pf: XmlElement) => {
    const values = propertyValues(card, pf.attrs.name ?? '');
    if (child(pf, CARDDAV, 'is-not-defined')) return values.length === 0;
    const tms = childrenOf(pf, CARDDAV, 'text-match');
    if (tms.length === 0) return values.length > 0;
    const each = (tm: XmlElement) => values.some((v) => textMatches(v, tm));
    return pf.attrs.test === 'allof' ? tms.every(each) : tms.some(each);
  };
  return filter.attrs.test === 'allof' ? propFilters.every(one) : propFilters.some(one);
}

export async function carddavRoutes(app: FastifyInstance, services: Services): Promise<void> {
  for (const m of ['PROPFIND', 'PROPPATCH', 'REPORT', 'MKCOL']) {
    if (!app.supportedMethods.includes(m)) app.addHttpMethod(m, { hasBody: true });
  }

  await app.register(async (dav) => {
    dav.removeAllContentTypeParsers();
    dav.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_CARD_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    // RFC 6764 §5: the well-known URI redirects to the context path, whatever the method.
    dav.route({
      method: DAV_METHODS,
      url: '/.well-known/carddav',
      handler: (_req, reply) => reply.redirect(ROOT, 301),
    });
    for (const url of ['/dav', '/dav/*']) {
      dav.route({ method: DAV_METHODS, url, handler: (req, reply) => handle(req, reply) });
    }
  });

  function parseTarget(path: string, userId: string): Target {
    const segs = path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => {
        try {
          return decodeURIComponent(s);
        } catch {
          return '\u0000';
        }
      });
    if (segs[0] !== 'dav') return { kind: 'none' };
    if (segs.length === 1) return { kind: 'root' };
    if (segs[1] === 'principals' && segs.length === 3 && segs[2] === userId) return { kind: 'principal' };
    if (segs[1] === 'addressbooks' && segs[2] === userId) {
      if (segs.length === 3) return { kind: 'home' };
      if (segs[3] === 'contacts') {
        if (segs.length === 4) return { kind: 'book' };
        const name = segs[4];
        if (segs.length === 5 && name && !name.includes('\u0000')) return { kind: 'card', name };
      }
    }
    return { kind: 'none' };
  }

  function unauthorized(reply: FastifyReply) {
    return reply
      .status(401)
      .header('www-authenticate', BASIC_CHALLENGE)
      .type('text/plain; charset=utf-8')
      .send('Sign in with an API token as the password (Settings → API tokens, or: tend token create).\n');
  }

  async function handle(req: FastifyRequest, reply: FastifyReply) {
    reply.header('dav', '1, 3, addressbook');
    if (req.method === 'OPTIONS') {
      return reply.status(200).header('allow', DAV_METHODS.join(', ')).send();
    }
    const p = req.principal;
    // Sessions are for the web app (and its CSRF protection): DAV clients send a token.
    if (!p?.user || p.via === 'session') return unauthorized(reply);
    const user = p.user;
    const base = `/dav/addressbooks/${user.id}/`;
    const ctx: Ctx = {
      actor: { workspaceId: user.workspaceId, userId: user.id },
      user,
      services,
      principal: `/dav/principals/${user.id}/`,
      home: base,
      book: `${base}contacts/`,
    };
    const path = (req.url.split('?')[0] ?? '').replace(/\/{2,}/g, '/');
    const target = parseTarget(path, user.id);
    if (target.kind === 'none') return reply.status(404).type('text/plain').send('Not found\n');

    const writing = ['PUT', 'DELETE', 'PROPPATCH', 'MKCOL'].includes(req.method);
    if (writing && p.scope !== 'write') {
      return reply.status(403).type('text/plain').send('This token can only read.\n');
    }

    let body: XmlElement | undefined;
    if ((req.method === 'PROPFIND' || req.method === 'REPORT' || req.method === 'PROPPATCH') && req.body) {
      const text = String(req.body);
      if (text.trim() !== '') {
        try {
          body = parseXml(text);
        } catch (e) {
          const msg = e instanceof XmlError ? e.message : 'malformed XML';
          return reply.status(400).type('text/plain').send(`The XML body is malformed: ${msg}\n`);
        }
      }
    }

    switch (req.method) {
      case 'PROPFIND':
        return propfind(req, reply, ctx, target, body);
      case 'REPORT':
        if (target.kind !== 'book')
          return reply.status(403).type('text/plain').send('Reports run on the address book.\n');
        return report(reply, ctx, body);
      case 'PROPPATCH':
        return proppatch(reply, path, body);
      case 'MKCOL':
        return reply.status(403).type('text/plain').send('Tend has one address book per user.\n');
      case 'GET':
      case 'HEAD':
        if (target.kind !== 'card') {
          return reply
            .status(200)
            .type('text/plain; charset=utf-8')
            .send('Tend CardDAV. Point a CardDAV client here.\n');
        }
        return getCard(req, reply, ctx, target.name);
      case 'PUT':
        if (target.kind !== 'card') return reply.status(405).send();
        return putCard(req, reply, ctx, target.name);
      case 'DELETE':
        if (target.kind !== 'card')
          return reply.status(403).type('text/plain').send('Delete cards, not collections.\n');
        return deleteCard(req, reply, ctx, target.name);
      default:
        return reply.status(405).send();
    }
  }

  async function bookProps(ctx: Ctx): Promise<Map<PropKey, string | null>> {
    const token = await ctx.services.carddav.syncToken(ctx.actor);
    const m = new Map<PropKey, string | null>();
    m.set(key(DAV, 'resourcetype'), '<d:collection/><card:addressbook/>');
    m.set(key(DAV, 'displayname'), 'Tend');
    m.set(key(CARDDAV, 'addressbook-description'), 'People in Tend');
    m.set(key(CALSERVER, 'getctag'), escapeXml(token));
    m.set(key(DAV, 'sync-token'), escapeXml(token));
    m.set(
      key(DAV, 'supported-report-set'),
      ['card:addressbook-multiget', 'card:addressbook-query', 'd:sync-collection']
        .map((r) => `<d:supported-report><d:report><${r}/></d:report></d:supported-report>`)
        .join(''),
    );
    m.set(key(CARDDAV, 'supported-address-data'), '<card:address-data-type content-type="text/vcard" version="3.0"/>');
    m.set(key(CARDDAV, 'max-resource-size'), String(MAX_CARD_BYTES));
    m.set(key(DAV, 'current-user-principal'), hrefOf(ctx.principal));
    m.set(key(DAV, 'owner'), hrefOf(ctx.principal));
    m.set(key(DAV, 'current-user-privilege-set'), privileges(ctx));
    return m;
  }

  function privileges(_ctx: Ctx): string {
    return ['read', 'write', 'write-content', 'write-properties', 'bind', 'unbind', 'read-current-user-privilege-set']
      .map((p) => `<d:privilege><d:${p}/></d:privilege>`)
      .join('');
  }

  function collectionProps(ctx: Ctx, kind: 'root' | 'principal' | 'home'): Map<PropKey, string | null> {
    const m = new Map<PropKey, string | null>();
    m.set(key(DAV, 'current-user-principal'), hrefOf(ctx.principal));
    m.set(key(DAV, 'principal-URL'), hrefOf(ctx.principal));
    if (kind === 'root') {
      m.set(key(DAV, 'resourcetype'), '<d:collection/>');
      m.set(key(DAV, 'displayname'), 'Tend');
    } else if (kind === 'principal') {
      m.set(key(DAV, 'resourcetype'), '<d:principal/><d:collection/>');
      m.set(key(DAV, 'displayname'), escapeXml(ctx.user.displayName || ctx.user.email));
      m.set(key(CARDDAV, 'addressbook-home-set'), hrefOf(ctx.home));
      m.set(key(CARDDAV, 'principal-address'), null);
    } else {
      m.set(key(DAV, 'resourcetype'), '<d:collection/>');
      m.set(key(DAV, 'displayname'), 'Address books');
      m.set(key(DAV, 'owner'), hrefOf(ctx.principal));
      m.set(key(DAV, 'current-user-privilege-set'), privileges(ctx));
    }
    if (kind !== 'home') m.set(key(CARDDAV, 'addressbook-home-set'), hrefOf(ctx.home));
    return m;
  }

  async function cardProps(
    ctx: Ctx,
    ref: CardRef,
    wanted: [string, string][] | null,
  ): Promise<Map<PropKey, string | null>> {
    const m = new Map<PropKey, string | null>();
    m.set(key(DAV, 'resourcetype'), null);
    m.set(key(DAV, 'getetag'), escapeXml(ref.etag));
    m.set(key(DAV, 'getcontenttype'), CONTENT_TYPE);
    if (wanted?.some(([ns, name]) => ns === CARDDAV && name === 'address-data')) {
      const card = await ctx.services.carddav.card(ctx.actor, ref.personId);
      m.set(key(CARDDAV, 'address-data'), escapeXml(card.body));
      m.set(key(DAV, 'getetag'), escapeXml(card.etag));
    }
    return m;
  }

  function multistatus(reply: FastifyReply, parts: string[]) {
    return reply
      .status(207)
      .type('application/xml; charset=utf-8')
      .send(`${MULTISTATUS_OPEN}${parts.join('')}${MULTISTATUS_CLOSE}`);
  }

  async function propfind(req: FastifyRequest, reply: FastifyReply, ctx: Ctx, target: Target, body?: XmlElement) {
    if (body && !(body.ns === DAV && body.name === 'propfind')) {
      return reply.status(400).type('text/plain').send('Expected a DAV:propfind body.\n');
    }
    const wanted = requestedProps(body);
    const depthHeader = String(req.headers.depth ?? 'infinity').toLowerCase();
    const deep = depthHeader !== '0';
    const parts: string[] = [];
    switch (target.kind) {
      case 'root':
      case 'principal':
        parts.push(respond(target.kind === 'root' ? ROOT : ctx.principal, collectionProps(ctx, target.kind), wanted));
        break;
      case 'home':
        parts.push(respond(ctx.home, collectionProps(ctx, 'home'), wanted));
        if (deep) parts.push(respond(ctx.book, await bookProps(ctx), wanted));
        break;
      case 'book':
        parts.push(respond(ctx.book, await bookProps(ctx), wanted));
        if (deep) {
          for (const ref of await ctx.services.carddav.list(ctx.actor)) {
            parts.push(respond(ctx.book + encodeURIComponent(ref.name), await cardProps(ctx, ref, wanted), wanted));
          }
        }
        break;
      case 'card': {
        const ref = await ctx.services.carddav.find(ctx.actor, target.name);
        if (!ref || ref.deleted) return reply.status(404).type('text/plain').send('No such card\n');
        parts.push(respond(ctx.book + encodeURIComponent(ref.name), await cardProps(ctx, ref, wanted), wanted));
        break;
      }
      default:
        return reply.status(404).send();
    }
    return multistatus(reply, parts);
  }

  function proppatch(reply: FastifyReply, path: string, body?: XmlElement) {
    // Nothing here is client-settable: answer 403 for each property (RFC 4918 §9.2).
    const props: [string, string][] = [];
    for (const op of body?.children ?? []) {
      for (const prop of childrenOf(op, DAV, 'prop')) for (const c of prop.children) props.push([c.ns, c.name]);
    }
    const inner = props.map(([ns, name]) => qname(ns, name).empty).join('');
    return multistatus(reply, [
      `<d:response>${hrefOf(path)}<d:propstat><d:prop>${inner}</d:prop><d:status>HTTP/1.1 403 Forbidden</d:status></d:propstat></d:response>`,
    ]);
  }

  function nameFromHref(ctx: Ctx, href: string): string | null {
    let path = href.trim();
    try {
      if (/^https?:\/\//i.test(path)) path = new URL(path).pathname;
      if (!path.startsWith(ctx.book)) return null;
      const name = decodeURIComponent(path.slice(ctx.book.length));
      return name === '' || name.includes('/') ? null : name;
    } catch {
      return null;
    }
  }

  async function report(reply: FastifyReply, ctx: Ctx, body?: XmlElement) {
    if (!body) return reply.status(400).type('text/plain').send('A REPORT needs an XML body.\n');
    const wanted = requestedProps(body);
    const carddav = ctx.services.carddav;
    const parts: string[] = [];
    const cardResponse = async (ref: CardRef) =>
      respond(ctx.book + encodeURIComponent(ref.name), await cardProps(ctx, ref, wanted), wanted);
    const gone = (href: string) =>
      `<d:response>${hrefOf(href)}<d:status>HTTP/1.1 404 Not Found</d:status></d:response>`;

    if (body.ns === CARDDAV && body.name === 'addressbook-multiget') {
      for (const h of childrenOf(body, DAV, 'href')) {
        const name = nameFromHref(ctx, h.text);
        const ref = name === null ? undefined : await carddav.find(ctx.actor, name);
        parts.push(ref && !ref.deleted ? await cardResponse(ref) : gone(h.text.trim()));
      }
      return multistatus(reply, parts);
    }

    if (body.ns === CARDDAV && body.name === 'addressbook-query') {
      const filter = child(body, CARDDAV, 'filter');
      const limitText = child(body, CARDDAV, 'limit')?.children.find((c) => c.name === 'nresults')?.text;
      const limit = limitText && /^\d+$/.test(limitText.trim()) ? Number(limitText.trim()) : Number.POSITIVE_INFINITY;
      for (const ref of await carddav.list(ctx.actor)) {
        if (parts.length >= limit) break;
        const hasFilters = filter && childrenOf(filter, CARDDAV, 'prop-filter').length > 0;
        if (hasFilters) {
          const card = await carddav.card(ctx.actor, ref.personId);
          if (!cardMatches(card.body, filter)) continue;
        }
        parts.push(await cardResponse(ref));
      }
      return multistatus(reply, parts);
    }

    if (body.ns === DAV && body.name === 'sync-collection') {
      const given = child(body, DAV, 'sync-token')?.text.trim() ?? '';
      const token = await carddav.syncToken(ctx.actor);
      let refs: CardRef[];
      if (given === '') refs = await carddav.list(ctx.actor);
      else {
        const changed = await carddav.changesSince(ctx.actor, given);
        if (!changed) {
          return reply
            .status(403)
            .type('application/xml; charset=utf-8')
            .send('<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:"><d:valid-sync-token/></d:error>');
        }
        refs = changed;
      }
      for (const ref of refs) {
        parts.push(ref.deleted ? gone(ctx.book + encodeURIComponent(ref.name)) : await cardResponse(ref));
      }
      parts.push(`<d:sync-token>${escapeXml(token)}</d:sync-token>`);
      return multistatus(reply, parts);
    }

    return reply
      .status(403)
      .type('application/xml; charset=utf-8')
      .send('<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:"><d:supported-report/></d:error>');
  }

  async function getCard(req: FastifyRequest, reply: FastifyReply, ctx: Ctx, name: string) {
    const ref = await ctx.services.carddav.find(ctx.actor, name);
    if (!ref || ref.deleted) return reply.status(404).type('text/plain').send('No such card\n');
    const card = await ctx.services.carddav.card(ctx.actor, ref.personId);
    reply.status(200).header('etag', card.etag).type(CONTENT_TYPE);
    return req.method === 'HEAD' ? reply.send() : reply.send(card.body);
  }

  function preconditionFailed(reply: FastifyReply) {
    return reply.status(412).type('text/plain').send('The card changed (or exists) since you read it.\n');
  }

  async function putCard(req: FastifyRequest, reply: FastifyReply, ctx: Ctx, name: string) {
    const existing = await ctx.services.carddav.find(ctx.actor, name);
    const live = existing && !existing.deleted ? existing : undefined;
    const ifMatch = req.headers['if-match'];
    const ifNoneMatch = req.headers['if-none-match'];
    if (typeof ifMatch === 'string' && !matchesEtag(ifMatch, live?.etag ?? null)) return preconditionFailed(reply);
    if (typeof ifNoneMatch === 'string' && live && matchesEtag(ifNoneMatch, live.etag)) {
      return preconditionFailed(reply);
    }
    if (name.length > 200) {
      return reply.status(400).type('text/plain').send('Card names are at most 200 characters.\n');
    }
    const text = typeof req.body === 'string' ? req.body : '';
    const { created } = await ctx.services.carddav.put(ctx.actor, name, text, live);
    // Tend stores the card as a person and writes it back its own way, so no ETag here:
    // the client must GET the card to learn its new ETag (RFC 6352 §6.3.2.3).
    return reply.status(created ? 201 : 204).send();
  }

  async function deleteCard(req: FastifyRequest, reply: FastifyReply, ctx: Ctx, name: string) {
    const ref = await ctx.services.carddav.find(ctx.actor, name);
    if (!ref || ref.deleted) return reply.status(404).type('text/plain').send('No such card\n');
    const ifMatch = req.headers['if-match'];
    if (typeof ifMatch === 'string' && !matchesEtag(ifMatch, ref.etag)) return preconditionFailed(reply);
    await ctx.services.carddav.remove(ctx.actor, ref);
    return reply.status(204).send();
  }
}
