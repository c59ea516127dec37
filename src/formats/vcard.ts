import { z } from 'zod';
import { EmailInput, LinkInput, PhoneInput, type Person, type PersonCreate } from '../contract/people.js';

/*
 * vCard 2.1, 3.0 (RFC 2426) and 4.0 (RFC 6350): parse into a neutral structured
 * form, write 4.0 or 3.0, and map between that form and Tend's person. Pure: no
 * I/O, no database. Properties this module does not understand are kept in
 * `extras` (group, name, parameters and raw value) and written back unchanged,
 * so a card survives a round trip.
 */

export type VcardVersion = '2.1' | '3.0' | '4.0';

export interface VcardParam {
  /** Upper-cased parameter name; bare 2.1 parameters become TYPE / ENCODING. */
  name: string;
  values: string[];
}

/** A property kept verbatim: `value` is the escaped text as it stood in the card (after unfolding and QP decoding). */
export interface VcardExtra {
  group: string | null;
  name: string;
  params: VcardParam[];
  value: string;
}

export interface VcardTyped {
  value: string;
  /** Lower-case TYPE values without "pref" (and "internet" for emails). */
  types: string[];
  /** A free label: Apple's X-ABLabel of the same group, or a LABEL parameter. */
  label: string | null;
  pref: boolean;
}

export interface VcardAddress {
  types: string[];
  label: string | null;
  pref: boolean;
  poBox: string;
  extended: string;
  street: string;
  locality: string;
  region: string;
  postalCode: string;
  country: string;
}

/** A date with any part unknown: `--0415` is {year: null, month: 4, day: 15}; unparseable text stays in `text`. */
export interface VcardDate {
  year: number | null;
  month: number | null;
  day: number | null;
  text: string | null;
}

export interface VcardPhoto {
  data: Uint8Array | null;
  mediaType: string | null;
  uri: string | null;
}

export interface VcardName {
  family: string;
  given: string;
  additional: string;
  prefix: string;
  suffix: string;
}

export interface Vcard {
  /** The VERSION the card declared (null when it did not). */
  version: VcardVersion | null;
  /** 1-based line of BEGIN:VCARD in the source (0 for cards built in code). */
  line: number;
  fn: string | null;
  name: VcardName | null;
  nicknames: string[];
  emails: VcardTyped[];
  phones: VcardTyped[];
  urls: VcardTyped[];
  org: { name: string; units: string[] } | null;
  title: string | null;
  role: string | null;
  addresses: VcardAddress[];
  birthday: VcardDate | null;
  anniversary: VcardDate | null;
  /** Other labelled dates (Apple X-ABDATE). */
  dates: { date: VcardDate; label: string | null }[];
  note: string | null;
  categories: string[];
  photo: VcardPhoto | null;
  uid: string | null;
  rev: string | null;
  /** TZ as text (an IANA name or a UTC offset). */
  timeZone: string | null;
  extras: VcardExtra[];
}

export interface VcardError {
  /** 1-based line in the source where the problem is (or where the card began). */
  line: number;
  message: string;
}

export type VcardItem = { ok: true; card: Vcard } | { ok: false; error: VcardError };

export interface VcardParseResult {
  cards: Vcard[];
  errors: VcardError[];
}

export function emptyVcard(): Vcard {
  return {
    version: null,
    line: 0,
    fn: null,
    name: null,
    nicknames: [],
    emails: [],
    phones: [],
    urls: [],
    org: null,
    title: null,
    role: null,
    addresses: [],
    birthday: null,
    anniversary: null,
    dates: [],
    note: null,
    categories: [],
    photo: null,
    uid: null,
    rev: null,
    timeZone: null,
    extras: [],
  };
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

interface ContentLine {
  line: number;
  text: string;
}

interface RawProperty {
  line: number;
  group: string | null;
  name: string;
  params: VcardParam[];
  value: string;
}

class VcardSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const QP_PARAMS = /;\s*(ENCODING\s*=\s*)?QUOTED-PRINTABLE\s*[;:]/i;

/**
 * Unfolds physical lines into content lines: a line starting with a space or tab
 * continues the previous one (RFC 6350 §3.2); a quoted-printable value ending in
 * "=" continues on the next line whatever it starts with (vCard 2.1 soft breaks).
 */
function* unfold(lines: Iterable<string>, firstLine: number): Generator<ContentLine> {
  let current: ContentLine | null = null;
  let lineNo = firstLine - 1;
  for (const raw of lines) {
    lineNo++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (current !== null) {
      // A soft break first: the next line of a quoted-printable value is literal, leading space included.
      if (isQpSoftBreak(current.text) && !/^END:VCARD\s*$/i.test(text)) {
        current.text = current.text.slice(0, -1) + text;
        continue;
      }
      if (text.startsWith(' ') || text.startsWith('\t')) {
        current.text += text.slice(1);
        continue;
      }
      yield current;
      current = null;
    }
    if (text.trim() === '') continue;
    current = { line: lineNo, text };
  }
  if (current !== null) yield current;
}

function isQpSoftBreak(text: string): boolean {
  if (!text.endsWith('=')) return false;
  const colon = headerEnd(text);
  if (colon < 0) return false;
  return QP_PARAMS.test(`${text.slice(0, colon)}:`);
}

/** Index of the colon that ends name and parameters (colons inside quoted parameter values do not count). */
function headerEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

const NAME = /^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)$/;

function parseContentLine(cl: ContentLine): RawProperty {
  const colon = headerEnd(cl.text);
  if (colon < 0) throw new VcardSyntaxError(cl.line, `line ${cl.line} is not a property (no ":")`);
  const header = cl.text.slice(0, colon);
  const value = cl.text.slice(colon + 1);
  const parts = splitOutsideQuotes(header, ';');
  const nameMatch = NAME.exec((parts[0] ?? '').trim());
  if (!nameMatch) throw new VcardSyntaxError(cl.line, `line ${cl.line} has an invalid property name "${parts[0]}"`);
  const params: VcardParam[] = [];
  for (const p of parts.slice(1)) {
    const trimmed = p.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    if (eq < 0) {
      // vCard 2.1 bare parameter: TEL;HOME;VOICE: / PHOTO;JPEG;BASE64:
      const v = trimmed.toUpperCase();
      if (v === 'QUOTED-PRINTABLE' || v === 'BASE64' || v === '8BIT' || v === '7BIT' || v === 'B') {
        addParam(params, 'ENCODING', [trimmed]);
      } else addParam(params, 'TYPE', [trimmed]);
      continue;
    }
    const pname = trimmed.slice(0, eq).trim().toUpperCase();
    if (!/^[A-Z0-9-]+$/.test(pname)) {
      throw new VcardSyntaxError(cl.line, `line ${cl.line} has an invalid parameter "${trimmed.slice(0, 40)}"`);
    }
    const values = splitOutsideQuotes(trimmed.slice(eq + 1), ',').map((v) => decodeParamValue(v.trim()));
    addParam(params, pname, values);
  }
  return {
    line: cl.line,
    group: nameMatch[1] ?? null,
    name: (nameMatch[2] ?? '').toUpperCase(),
    params,
    value,
  };
}

function addParam(params: VcardParam[], name: string, values: string[]) {
  const existing = params.find((p) => p.name === name);
  if (existing) existing.values.push(...values);
  else params.push({ name, values: [...values] });
}

function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** Unquotes a parameter value and decodes RFC 6868 caret escapes (^n, ^', ^^). */
function decodeParamValue(v: string): string {
  const unquoted = v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
  return unquoted.replace(/\^(n|N|'|\^)/g, (_m, c: string) => (c === "'" ? '"' : c === '^' ? '^' : '\n'));
}

function param(p: RawProperty, name: string): string[] {
  return p.params.find((x) => x.name === name)?.values ?? [];
}

function firstParam(p: RawProperty, name: string): string | null {
  return param(p, name)[0] ?? null;
}

/** Decodes quoted-printable to bytes, then to text in the given charset (UTF-8 by default). */
export function decodeQuotedPrintable(value: string, charset: string | null): string {
  const bytes: number[] = [];
  const s = value.replace(/=\r?\n/g, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const code = c.codePointAt(0) ?? 0;
      if (code < 0x80) bytes.push(code);
      else {
        const enc = new TextEncoder().encode(String.fromCodePoint(code));
        bytes.push(...enc);
        if (code > 0xffff) i++;
      }
    }
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder((charset ?? 'utf-8').toLowerCase());
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(new Uint8Array(bytes));
}

/** Splits on an unescaped separator, leaving escapes in place. */
function splitEscaped(value: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '\\' && i + 1 < value.length) {
      cur += c + value[i + 1];
      i++;
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Text value escapes: \\ \, \; \: and \n or \N for a newline. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\,;:nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function textValue(p: RawProperty): string {
  return unescapeText(p.value);
}

function structured(p: RawProperty): string[] {
  return splitEscaped(p.value, ';').map((c) => unescapeText(c));
}

function listValue(p: RawProperty): string[] {
  return splitEscaped(p.value, ',')
    .map((c) => unescapeText(c).trim())
    .filter((c) => c !== '');
}

function typesOf(p: RawProperty, drop: string[] = []): { types: string[]; pref: boolean } {
  const raw = param(p, 'TYPE').flatMap((t) => t.split(','));
  const types: string[] = [];
  let pref = param(p, 'PREF').length > 0;
  for (const t of raw) {
    const lower = t.trim().toLowerCase();
    if (lower === '') continue;
    if (lower === 'pref') {
      pref = true;
      continue;
    }
    if (drop.includes(lower)) continue;
    if (!types.includes(lower)) types.push(lower);
  }
  return { types, pref };
}

/** Apple wraps its standard labels as `_$!<Mobile>!$_`. */
function cleanAbLabel(s: string): string {
  const m = /^_\$!<(.*)>!\$_$/.exec(s.trim());
  return (m?.[1] ?? s).trim();
}

const DATE_PATTERNS: [RegExp, (m: RegExpExecArray) => [string | undefined, string | undefined, string | undefined]][] =
  [
    [/^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/, (m) => [m[1], m[2], m[3]]],
    [/^--(\d{2})-?(\d{2})$/, (m) => [undefined, m[1], m[2]]],
    [/^---(\d{2})$/, (m) => [undefined, undefined, m[1]]],
    [/^(\d{4})-(\d{2})$/, (m) => [m[1], m[2], undefined]],
    [/^(\d{4})$/, (m) => [m[1], undefined, undefined]],
    [/^--(\d{2})$/, (m) => [undefined, m[1], undefined]],
  ];

export function parseVcardDate(value: string, omitYear: string | null = null): VcardDate {
  const v = value.trim();
  for (const [re, pick] of DATE_PATTERNS) {
    const m = re.exec(v);
    if (!m) continue;
    const [y, mo, d] = pick(m);
    const year = y === undefined || y === omitYear ? null : Number(y);
    const month = mo === undefined ? null : Number(mo);
    const day = d === undefined ? null : Number(d);
    if ((month !== null && (month < 1 || month > 12)) || (day !== null && (day < 1 || day > 31))) break;
    return { year, month, day, text: null };
  }
  return { year: null, month: null, day: null, text: v };
}

const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;

function decodeBase64(s: string, line: number): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  if (!BASE64.test(clean)) throw new VcardSyntaxError(line, `line ${line}: the photo is not valid base64`);
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

function photoOf(p: RawProperty): VcardPhoto {
  const encoding = (firstParam(p, 'ENCODING') ?? '').toUpperCase();
  const typeParam = param(p, 'TYPE')[0] ?? null;
  const mediaParam = firstParam(p, 'MEDIATYPE');
  const value = p.value.trim();
  if (encoding === 'B' || encoding === 'BASE64') {
    const t = typeParam ? typeParam.toLowerCase() : null;
    const mediaType = mediaParam ?? (t ? (t.includes('/') ? t : `image/${t}`) : null);
    return { data: decodeBase64(value, p.line), mediaType, uri: null };
  }
  const data = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/is.exec(value);
  if (data) {
    const isBase64 = /;base64/i.test(data[2] ?? '');
    const body = data[3] ?? '';
    const bytes = isBase64 ? decodeBase64(body, p.line) : new Uint8Array(Buffer.from(decodeURIComponent(body), 'utf8'));
    return { data: bytes, mediaType: data[1] || mediaParam || null, uri: null };
  }
  return { data: null, mediaType: mediaParam, uri: value };
}

function buildCard(props: RawProperty[], beginLine: number): Vcard {
  const card = emptyVcard();
  card.line = beginLine;
  // Apple groups: item1.EMAIL + item1.X-ABLabel → a labelled email.
  const labels = new Map<string, string>();
  const labelProps = new Set<RawProperty>();
  for (const p of props) {
    if (p.group && p.name === 'X-ABLABEL') {
      labels.set(p.group.toLowerCase(), cleanAbLabel(textValue(p)));
      labelProps.add(p);
    }
  }
  const usedGroups = new Set<string>();
  const labelFor = (p: RawProperty): string | null => {
    if (p.group) {
      const l = labels.get(p.group.toLowerCase());
      if (l !== undefined) {
        usedGroups.add(p.group.toLowerCase());
        return l;
      }
    }
    return firstParam(p, 'LABEL');
  };

  for (const p of props) {
    // Decode 2.1 quoted-printable once, here, for every property.
    const enc = (firstParam(p, 'ENCODING') ?? '').toUpperCase();
    if (enc === 'QUOTED-PRINTABLE') {
      // Decoded text is stored escaped like any other value, so a decoded line break becomes \n.
      p.value = decodeQuotedPrintable(p.value, firstParam(p, 'CHARSET')).replace(/\r\n|\r|\n/g, '\\n');
      p.params = p.params.filter((x) => x.name !== 'ENCODING' && x.name !== 'CHARSET');
    } else if (enc !== 'B' && enc !== 'BASE64') {
      p.params = p.params.filter((x) => x.name !== 'CHARSET');
    }
  }

  for (const p of props) {
    if (labelProps.has(p)) continue;
    switch (p.name) {
      case 'BEGIN':
      case 'END':
      case 'PRODID':
        break;
      case 'VERSION': {
        const v = p.value.trim();
        if (v === '2.1' || v === '3.0' || v === '4.0') card.version = v;
        break;
      }
      case 'FN':
        if (card.fn === null) card.fn = textValue(p).trim();
        else card.extras.push(extraOf(p));
        break;
      case 'N': {
        const [family = '', given = '', additional = '', prefix = '', suffix = ''] = structured(p);
        card.name = {
          family: family.trim(),
          given: given.trim(),
          additional: additional.trim(),
          prefix: prefix.trim(),
          suffix: suffix.trim(),
        };
        break;
      }
      case 'NICKNAME':
        card.nicknames.push(...listValue(p));
        break;
      case 'EMAIL':
      case 'TEL':
      case 'URL': {
        const value = (p.name === 'URL' ? p.value : textValue(p)).trim();
        if (value === '') break;
        const drop = p.name === 'EMAIL' ? ['internet', 'x400'] : p.name === 'TEL' ? [] : [];
        const { types, pref } = typesOf(p, drop);
        const item: VcardTyped = {
          value: p.name === 'TEL' ? value.replace(/^tel:/i, '') : value.replace(/^mailto:/i, ''),
          types,
          label: labelFor(p),
          pref,
        };
        (p.name === 'EMAIL' ? card.emails : p.name === 'TEL' ? card.phones : card.urls).push(item);
        break;
      }
      case 'ORG': {
        const [name = '', ...units] = structured(p);
        card.org = { name: name.trim(), units: units.map((u) => u.trim()).filter((u) => u !== '') };
        break;
      }
      case 'TITLE':
        card.title = textValue(p).trim();
        break;
      case 'ROLE':
        card.role = textValue(p).trim();
        break;
      case 'ADR': {
        const [poBox = '', extended = '', street = '', locality = '', region = '', postalCode = '', country = ''] =
          structured(p);
        const { types, pref } = typesOf(p);
        card.addresses.push({
          types,
          pref,
          label: labelFor(p),
          poBox,
          extended,
          street,
          locality,
          region,
          postalCode,
          country,
        });
        break;
      }
      case 'BDAY':
      case 'ANNIVERSARY':
      case 'X-ANNIVERSARY':
      case 'X-ABDATE': {
        const isText = (firstParam(p, 'VALUE') ?? '').toLowerCase() === 'text';
        const date = isText
          ? { year: null, month: null, day: null, text: textValue(p) }
          : parseVcardDate(p.value, firstParam(p, 'X-APPLE-OMIT-YEAR'));
        if (p.name === 'BDAY') card.birthday = date;
        else if (p.name === 'X-ABDATE') {
          const label = labelFor(p);
          if (label && /^anniversary$/i.test(label) && !card.anniversary) card.anniversary = date;
          else card.dates.push({ date, label });
        } else card.anniversary = date;
        break;
      }
      case 'NOTE': {
        const t = textValue(p);
        card.note = card.note === null ? t : `${card.note}\n\n${t}`;
        break;
      }
      case 'CATEGORIES':
        for (const c of listValue(p)) if (!card.categories.includes(c)) card.categories.push(c);
        break;
      case 'PHOTO':
        if (card.photo === null) card.photo = photoOf(p);
        else card.extras.push(extraOf(p));
        break;
      case 'UID':
        card.uid = p.value.trim();
        break;
      case 'REV':
        card.rev = p.value.trim();
        break;
      case 'TZ':
        card.timeZone = textValue(p).trim();
        break;
      default:
        card.extras.push(extraOf(p));
    }
  }
  // Labels whose group held nothing we understood stay as extras, so they are not lost.
  for (const p of labelProps) {
    if (!usedGroups.has((p.group ?? '').toLowerCase())) card.extras.push(extraOf(p));
  }
  return card;
}

function extraOf(p: RawProperty): VcardExtra {
  return {
    group: p.group,
    name: p.name,
    params: p.params.map((x) => ({ ...x, values: [...x.values] })),
    value: p.value,
  };
}

/**
 * Reads cards from physical lines (without their line ends, or with a trailing
 * CR), one item per card: a card or the error that made it unreadable, with the
 * line number. Lines between cards are ignored. Never throws on bad input.
 */
export function* readVcards(lines: Iterable<string>, firstLine = 1): Generator<VcardItem> {
  let props: RawProperty[] | null = null;
  let begin = 0;
  let broken: VcardError | null = null;
  for (const cl of unfold(lines, firstLine)) {
    const isBegin = /^BEGIN\s*:\s*VCARD\s*$/i.test(cl.text);
    const isEnd = /^END\s*:\s*VCARD\s*$/i.test(cl.text);
    if (isBegin) {
      if (props !== null) {
        yield {
          ok: false,
          error: { line: begin, message: `the card starting on line ${begin} has no END:VCARD` },
        };
      }
      props = [];
      begin = cl.line;
      broken = null;
      continue;
    }
    if (props === null) continue; // junk between cards
    if (isEnd) {
      if (broken) yield { ok: false, error: broken };
      else {
        try {
          yield { ok: true, card: buildCard(props, begin) };
        } catch (e) {
          const line = e instanceof VcardSyntaxError ? e.line : begin;
          yield { ok: false, error: { line, message: e instanceof Error ? e.message : String(e) } };
        }
      }
      props = null;
      continue;
    }
    if (broken) continue;
    try {
      props.push(parseContentLine(cl));
    } catch (e) {
      const line = e instanceof VcardSyntaxError ? e.line : cl.line;
      broken = { line, message: e instanceof Error ? e.message : String(e) };
    }
  }
  if (props !== null) {
    yield { ok: false, error: { line: begin, message: `the card starting on line ${begin} has no END:VCARD` } };
  }
}

/** Splits text on CRLF, LF or a lone CR. */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\n|\r/);
}

/** Parses a whole file's text: every readable card and every unreadable one's error. */
export function parseVcards(text: string): VcardParseResult {
  const cards: Vcard[] = [];
  const errors: VcardError[] = [];
  for (const item of readVcards(splitLines(text))) {
    if (item.ok) cards.push(item.card);
    else errors.push(item.error);
  }
  return { cards, errors };
}

/**
 * Reads cards from a stream of text chunks (a file read as UTF-8, or bytes)
 * without holding the whole file: lines are handed to the parser in batches
 * that end at an END:VCARD line, so memory stays at about one card.
 */
export async function* readVcardStream(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<VcardItem> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let batch: string[] = [];
  let nextLine = 1;
  let first = true;
  const flush = function* (): Generator<VcardItem> {
    if (batch.length === 0) return;
    const lines = batch;
    batch = [];
    yield* readVcards(lines, nextLine);
    nextLine += lines.length;
  };
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    rest += text;
    // Keep a trailing CR back: it may be the first half of a CRLF.
    const parts = rest.split(/\r\n|\n|\r(?!$)/);
    rest = parts.pop() ?? '';
    for (const line of parts) {
      batch.push(line);
      if (/^END\s*:\s*VCARD\s*$/i.test(line)) yield* flush();
    }
  }
  rest += decoder.decode();
  if (rest !== '') batch.push(rest.replace(/\r$/, ''));
  yield* flush();
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

export interface VcardWriteOptions {
  version: '4.0' | '3.0';
  /** PRODID to write; null for none. */
  prodId?: string | null;
}

/** Escapes a text value (or one component of a structured value). */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\n|\r/g, '\\n');
}

function encodeParamValue(v: string): string {
  // RFC 6868 caret encoding, written for 3.0 as well: readers that do not know it see a harmless ^.
  let out = v
    .replace(/\^/g, '^^')
    .replace(/\r\n|\n|\r/g, '^n')
    .replace(/"/g, "^'");
  if (/[:;,\s]/.test(out) || out === '') out = `"${out}"`;
  return out;
}

function utf8Length(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

/** Folds a content line at 75 octets (RFC 6350 §3.2), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  let total = 0;
  for (const ch of line) total += utf8Length(ch);
  if (total <= 75) return line;
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const b = utf8Length(ch);
    if (bytes + b > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
      limit = 74; // the continuation's leading space counts
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out.join('\r\n ');
}

function dateValue(d: VcardDate, version: '4.0' | '3.0'): { params: VcardParam[]; value: string } {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const y = d.year === null ? null : String(d.year).padStart(4, '0');
  if (d.text !== null || (d.year === null && d.month === null && d.day === null)) {
    return { params: [{ name: 'VALUE', values: ['text'] }], value: escapeText(d.text ?? '') };
  }
  if (version === '4.0') {
    if (y !== null && d.month !== null && d.day !== null)
      return { params: [], value: `${y}${p2(d.month)}${p2(d.day)}` };
    if (y === null && d.month !== null && d.day !== null) return { params: [], value: `--${p2(d.month)}${p2(d.day)}` };
    if (y !== null && d.month !== null) return { params: [], value: `${y}-${p2(d.month)}` };
    if (y !== null) return { params: [], value: y };
    if (d.month !== null) return { params: [], value: `--${p2(d.month)}` };
    return { params: [], value: `---${p2(d.day ?? 1)}` };
  }
  // 3.0 wants a full date; Apple's convention marks an unknown year with X-APPLE-OMIT-YEAR.
  if (d.month !== null && d.day !== null) {
    if (y !== null) return { params: [], value: `${y}-${p2(d.month)}-${p2(d.day)}` };
    return { params: [{ name: 'X-APPLE-OMIT-YEAR', values: ['1604'] }], value: `1604-${p2(d.month)}-${p2(d.day)}` };
  }
  const text = [y, d.month === null ? null : p2(d.month)].filter((x) => x !== null).join('-');
  return { params: [{ name: 'VALUE', values: ['text'] }], value: text };
}

/** Writes one card as vCard 4.0 or 3.0, CRLF line ends, folded. */
export function writeVcard(card: Vcard, options: VcardWriteOptions): string {
  const v = options.version;
  const lines: string[] = [];
  const extraGroups = new Set(card.extras.map((e) => (e.group ?? '').toLowerCase()));
  let groupNo = 0;
  const nextGroup = () => {
    do groupNo++;
    while (extraGroups.has(`item${groupNo}`));
    return `item${groupNo}`;
  };
  const emit = (group: string | null, name: string, params: VcardParam[], value: string) => {
    const ps = params
      .filter((p) => p.values.length > 0)
      .map((p) => `;${p.name}=${p.values.map((x) => encodeParamValue(x)).join(',')}`)
      .join('');
    lines.push(foldLine(`${group ? `${group}.` : ''}${name}${ps}:${value}`));
  };
  const typeCase = (t: string) => (v === '3.0' ? t.toUpperCase() : t.toLowerCase());
  const typed = (name: string, item: VcardTyped, value: string, extraTypes: string[] = []) => {
    const params: VcardParam[] = [];
    const types = [...extraTypes, ...item.types].map(typeCase);
    if (item.pref && v === '3.0') types.push('pref');
    if (types.length > 0) params.push({ name: 'TYPE', values: types });
    if (item.pref && v === '4.0') params.push({ name: 'PREF', values: ['1'] });
    if (item.label) {
      const g = nextGroup();
      emit(g, name, params, value);
      emit(g, 'X-ABLabel', [], escapeText(item.label));
    } else emit(null, name, params, value);
  };

  lines.push('BEGIN:VCARD');
  lines.push(`VERSION:${v}`);
  const prodId = options.prodId === undefined ? '-//Tend//Tend//EN' : options.prodId;
  if (prodId) emit(null, 'PRODID', [], escapeText(prodId));
  if (card.uid) emit(null, 'UID', [], card.uid);
  const n = card.name;
  const fn =
    card.fn ?? (n ? [n.prefix, n.given, n.additional, n.family, n.suffix].filter((x) => x !== '').join(' ') : '') ?? '';
  emit(null, 'FN', [], escapeText(fn));
  if (n || v === '3.0') {
    const parts = n ? [n.family, n.given, n.additional, n.prefix, n.suffix] : ['', '', '', '', ''];
    emit(null, 'N', [], parts.map(escapeText).join(';'));
  }
  if (card.nicknames.length > 0) emit(null, 'NICKNAME', [], card.nicknames.map(escapeText).join(','));
  for (const e of card.emails) typed('EMAIL', e, escapeText(e.value), v === '3.0' ? ['internet'] : []);
  for (const t of card.phones) typed('TEL', t, escapeText(t.value));
  for (const u of card.urls) typed('URL', u, u.value);
  if (card.org) emit(null, 'ORG', [], [card.org.name, ...card.org.units].map(escapeText).join(';'));
  if (card.title !== null) emit(null, 'TITLE', [], escapeText(card.title));
  if (card.role !== null) emit(null, 'ROLE', [], escapeText(card.role));
  for (const a of card.addresses) {
    const value = [a.poBox, a.extended, a.street, a.locality, a.region, a.postalCode, a.country]
      .map(escapeText)
      .join(';');
    typed('ADR', { value, types: a.types, label: a.label, pref: a.pref }, value);
  }
  if (card.birthday) {
    const d = dateValue(card.birthday, v);
    emit(null, 'BDAY', d.params, d.value);
  }
  if (card.anniversary) {
    const d = dateValue(card.anniversary, v);
    emit(null, v === '4.0' ? 'ANNIVERSARY' : 'X-ANNIVERSARY', d.params, d.value);
  }
  for (const { date, label } of card.dates) {
    const d = dateValue(date, v);
    const g = nextGroup();
    emit(g, 'X-ABDATE', d.params, d.value);
    if (label) emit(g, 'X-ABLabel', [], escapeText(label));
  }
  if (card.note !== null && card.note !== '') emit(null, 'NOTE', [], escapeText(card.note));
  if (card.categories.length > 0) emit(null, 'CATEGORIES', [], card.categories.map(escapeText).join(','));
  if (card.timeZone) {
    const offset = /^[+-]\d{2}:?\d{2}$/.test(card.timeZone);
    emit(null, 'TZ', v === '3.0' && !offset ? [{ name: 'VALUE', values: ['text'] }] : [], escapeText(card.timeZone));
  }
  if (card.photo) {
    const p = card.photo;
    if (p.data) {
      const b64 = Buffer.from(p.data).toString('base64');
      const mt = p.mediaType ?? 'image/jpeg';
      if (v === '4.0') emit(null, 'PHOTO', [], `data:${mt};base64,${b64}`);
      else {
        const sub = (mt.split('/')[1] ?? 'jpeg').toUpperCase();
        emit(
          null,
          'PHOTO',
          [
            { name: 'ENCODING', values: ['b'] },
            { name: 'TYPE', values: [sub] },
          ],
          b64,
        );
      }
    } else if (p.uri) {
      const params: VcardParam[] = v === '3.0' ? [{ name: 'VALUE', values: ['uri'] }] : [];
      if (p.mediaType && v === '4.0') params.push({ name: 'MEDIATYPE', values: [p.mediaType] });
      emit(null, 'PHOTO', params, p.uri);
    }
  }
  for (const x of card.extras) emit(x.group, x.name, x.params, x.value);
  if (card.rev) emit(null, 'REV', [], card.rev);
  lines.push('END:VCARD');
  return `${lines.join('\r\n')}\r\n`;
}

export function writeVcards(cards: Iterable<Vcard>, options: VcardWriteOptions): string {
  let out = '';
  for (const c of cards) out += writeVcard(c, options);
  return out;
}

// ---------------------------------------------------------------------------
// Mapping to and from Tend's person
// ---------------------------------------------------------------------------

const CircleValue = z.enum(['inner', 'close', 'wider', 'loose', 'none']);

export type VcardPersonResult =
  | {
      ok: true;
      person: PersonCreate;
      /** X-TEND-ID of a card Tend wrote, so an importer can update instead of duplicating. */
      tendId: string | null;
      uid: string | null;
      /** Photo bytes the card carried (Tend itself stores only a photo URL). */
      photo: VcardPhoto | null;
      /** Values dropped because Tend would refuse them (e.g. an email that is not one). */
      warnings: string[];
    }
  | { ok: false; error: string };

/** Trims, removes control characters Tend refuses, and clips to a field's maximum. */
function clip(s: string | null | undefined, max: number): string | null {
  if (s === null || s === undefined) return null;
  const clean = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (clean === '') return null;
  return [...clean].slice(0, max).join('').trim();
}

const PHONE_LABELS: Record<string, string> = {
  cell: 'mobile',
  iphone: 'mobile',
  mobile: 'mobile',
  home: 'home',
  work: 'work',
  fax: 'fax',
  pager: 'pager',
  main: 'main',
  other: 'other',
};

function labelOf(item: VcardTyped, map: Record<string, string> | null): string | undefined {
  const raw = item.label ?? item.types.map((t) => (map ? map[t] : t)).find((t) => t !== undefined) ?? null;
  return clip(raw, 40) ?? undefined;
}

function toImportantDate(d: VcardDate | null, kind: 'birthday' | 'work_anniversary' | 'custom', label?: string) {
  if (!d || d.month === null || d.day === null) return null;
  const year = d.year !== null && d.year >= 1900 && d.year <= 2200 ? d.year : undefined;
  return { kind, month: d.month, day: d.day, ...(year !== undefined ? { year } : {}), ...(label ? { label } : {}) };
}

function extraText(card: Vcard, name: string): string | null {
  const x = card.extras.find((e) => e.name === name);
  return x ? unescapeText(x.value) : null;
}

/** Maps a parsed card to the fields of a new Tend person. */
export function vcardToPerson(card: Vcard): VcardPersonResult {
  const warnings: string[] = [];
  const n = card.name;
  const nameFromParts = n
    ? [n.prefix, n.given, n.additional, n.family, n.suffix].filter((x) => x !== '').join(' ')
    : '';
  const fullName =
    clip(card.fn, 200) ??
    clip(nameFromParts, 200) ??
    clip(card.nicknames[0], 200) ??
    clip(card.org?.name, 200) ??
    clip(card.emails[0]?.value, 200);
  if (!fullName) return { ok: false, error: `the card on line ${card.line} has no name (FN or N)` };

  const emails: NonNullable<PersonCreate['emails']> = [];
  for (const e of card.emails) {
    const candidate = {
      value: e.value,
      label: labelOf(e, { home: 'home', work: 'work', other: 'other' }),
      primary: e.pref || undefined,
    };
    const ok = EmailInput.safeParse(candidate);
    if (ok.success && !emails.some((x) => x.value.toLowerCase() === ok.data.value.toLowerCase()))
      emails.push(candidate);
    else if (!ok.success) warnings.push(`email "${e.value}" is not an email address`);
  }
  const phones: NonNullable<PersonCreate['phones']> = [];
  for (const t of card.phones) {
    const candidate = { value: t.value, label: labelOf(t, PHONE_LABELS), primary: t.pref || undefined };
    const ok = PhoneInput.safeParse(candidate);
    if (ok.success) phones.push(candidate);
    else warnings.push(`phone "${t.value}" is not a phone number`);
  }
  const links: NonNullable<PersonCreate['links']> = [];
  const addLink = (url: string, label: string | undefined) => {
    const fixed = /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`;
    const guessed = label ?? (/linkedin\.com\//i.test(fixed) ? 'linkedin' : undefined);
    const candidate = { url: fixed, ...(guessed ? { label: guessed } : {}) };
    const ok = LinkInput.safeParse(candidate);
    if (ok.success && !links.some((l) => l.url === fixed)) links.push(candidate);
    else if (!ok.success) warnings.push(`link "${url}" is not a web address`);
  };
  for (const u of card.urls) addLink(u.value, labelOf(u, null));
  for (const x of card.extras) {
    if (x.name !== 'X-SOCIALPROFILE') continue;
    const type = x.params.find((p) => p.name === 'TYPE')?.values[0];
    addLink(unescapeText(x.value), clip(type?.toLowerCase(), 40) ?? undefined);
  }

  const importantDates: NonNullable<PersonCreate['importantDates']> = [];
  const bday = toImportantDate(card.birthday, 'birthday');
  if (bday) importantDates.push(bday);
  const anniversary = toImportantDate(card.anniversary, 'custom', 'Anniversary');
  if (anniversary) importantDates.push(anniversary);
  for (const { date, label } of card.dates) {
    const work = label !== null && /^work anniversary$/i.test(label);
    const d = toImportantDate(
      date,
      work ? 'work_anniversary' : 'custom',
      work ? undefined : (clip(label, 80) ?? undefined),
    );
    if (d) importantDates.push(d);
  }

  const address = card.addresses[0];
  const location = address
    ? clip([address.locality, address.region, address.country].filter((x) => x.trim() !== '').join(', '), 200)
    : null;

  const circle = CircleValue.safeParse(extraText(card, 'X-TEND-CIRCLE')?.trim());
  const cadence = Number(extraText(card, 'X-TEND-CADENCE'));
  const topicsX = card.extras.find((e) => e.name === 'X-TEND-TOPICS');
  const topics = topicsX
    ? splitEscaped(topicsX.value, ',')
        .map((t) => clip(unescapeText(t), 60))
        .filter((t): t is string => t !== null)
    : [];
  const tags = [...new Set(card.categories.map((c) => clip(c, 60)).filter((c): c is string => c !== null))].slice(
    0,
    100,
  );
  const tz = card.timeZone && /^[A-Za-z_]+\/[A-Za-z_/+-]+$/.test(card.timeZone) ? card.timeZone : null;
  let timeZone: string | null = null;
  if (tz) {
    try {
      timeZone = new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
    } catch {
      warnings.push(`time zone "${tz}" is not known`);
    }
  }
  const photoUrl = card.photo?.uri && /^https?:\/\//i.test(card.photo.uri) ? clip(card.photo.uri, 2048) : null;

  const person: PersonCreate = {
    fullName,
    givenName: clip(n?.given, 100),
    familyName: clip(n?.family, 100),
    nickname: clip(card.nicknames[0], 100),
    headline: clip(extraText(card, 'X-TEND-HEADLINE'), 300),
    roleTitle: clip(card.title, 200) ?? clip(card.role, 200),
    organisationName: clip(card.org?.name, 200),
    location,
    timeZone,
    photoUrl,
    ...(circle.success ? { circle: circle.data } : {}),
    ...(Number.isInteger(cadence) && cadence >= 1 && cadence <= 3650 ? { cadenceDays: cadence } : {}),
    ...(card.note
      ? { notes: card.note.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').slice(0, 100_000) }
      : {}),
    emails: emails.slice(0, 50),
    phones: phones.slice(0, 50),
    links: links.slice(0, 50),
    tags,
    topics: [...new Set(topics)].slice(0, 100),
    importantDates: importantDates.slice(0, 50),
  };
  const tendId = extraText(card, 'X-TEND-ID')?.trim() ?? null;
  return { ok: true, person, tendId, uid: card.uid, photo: card.photo, warnings };
}

const EMAIL_TYPES = new Set(['home', 'work']);
const PHONE_TYPES: Record<string, string[]> = {
  mobile: ['cell'],
  cell: ['cell'],
  home: ['home', 'voice'],
  work: ['work', 'voice'],
  fax: ['fax'],
  pager: ['pager'],
};

function revOf(iso: string): string {
  return iso.replace(/\.\d+/, '').replace(/[-:]/g, '');
}

/** A person as a card. Tend-only fields travel as X-TEND-* properties so a re-import can restore them. */
export function personToVcard(person: Person): Vcard {
  const card = emptyVcard();
  card.fn = person.fullName;
  card.name = {
    family: person.familyName ?? '',
    given: person.givenName ?? '',
    additional: '',
    prefix: '',
    suffix: '',
  };
  if (person.nickname) card.nicknames = [person.nickname];
  card.emails = person.emails.map((e) => {
    const l = e.label?.toLowerCase() ?? null;
    return l !== null && EMAIL_TYPES.has(l)
      ? { value: e.value, types: [l], label: null, pref: e.primary }
      : { value: e.value, types: [], label: e.label, pref: e.primary };
  });
  card.phones = person.phones.map((p) => {
    const l = p.label?.toLowerCase() ?? null;
    const types = l === null ? undefined : PHONE_TYPES[l];
    return types
      ? { value: p.value, types, label: null, pref: p.primary }
      : { value: p.value, types: [], label: p.label, pref: p.primary };
  });
  card.urls = person.links.map((l) => ({ value: l.url, types: [], label: l.label, pref: false }));
  if (person.organisation) card.org = { name: person.organisation.name, units: [] };
  card.title = person.roleTitle;
  if (person.location) {
    card.addresses = [
      {
        types: [],
        label: null,
        pref: false,
        poBox: '',
        extended: '',
        street: '',
        locality: person.location,
        region: '',
        postalCode: '',
        country: '',
      },
    ];
  }
  for (const d of person.importantDates) {
    const date: VcardDate = { year: d.year, month: d.month, day: d.day, text: null };
    if (d.kind === 'birthday' && card.birthday === null) card.birthday = date;
    else if (d.kind === 'custom' && /^anniversary$/i.test(d.label ?? '') && card.anniversary === null)
      card.anniversary = date;
    else card.dates.push({ date, label: d.kind === 'work_anniversary' ? 'Work anniversary' : d.label });
  }
  card.note = person.notes === '' ? null : person.notes;
  card.categories = [...person.tags];
  if (person.photoUrl) card.photo = { data: null, mediaType: null, uri: person.photoUrl };
  card.uid = `urn:uuid:${person.id}`;
  card.rev = revOf(person.updatedAt);
  card.timeZone = person.timeZone;
  const x = (name: string, value: string) => card.extras.push({ group: null, name, params: [], value });
  x('X-TEND-ID', person.id);
  if (person.headline) x('X-TEND-HEADLINE', escapeText(person.headline));
  x('X-TEND-CIRCLE', person.circle);
  if (person.cadenceDays !== null) x('X-TEND-CADENCE', String(person.cadenceDays));
  if (person.topics.length > 0) x('X-TEND-TOPICS', person.topics.map(escapeText).join(','));
  return card;
}
