const ASCII = /^[\x00-\x7f]*$/;

/** Lower-case, accents removed, whitespace collapsed: how names are compared and sorted. */
export function fold(s: string): string {
  // ASCII is its own NFKD form and holds no combining marks: only case and spaces to fold.
  if (ASCII.test(s)) return s.toLowerCase().replace(/\s+/g, ' ').trim();
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a search box, folded, without empties. */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return fold(q)
    .split(' ')
    .filter((w) => w.length > 0)
    .slice(0, 10);
}

/** Escapes %, _ and the escape character itself for a LIKE pattern with ESCAPE '\'. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A best guess at given and family name from a full name, for people added with one string. */
export function splitName(fullName: string): { given: string | null; family: string | null } {
  const parts = fullName.trim().split(/\s+/);
  if (parts.length === 0 || parts[0] === '') return { given: null, family: null };
  if (parts.length === 1) return { given: parts[0] ?? null, family: null };
  return { given: parts.slice(0, -1).join(' '), family: parts[parts.length - 1] ?? null };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Digits only, keeping a leading +; good enough to match the same number typed twice. */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim().replace(/\s*(x|ext\.?)\s*\d+$/i, '');
  const plus = trimmed.startsWith('+') ? '+' : '';
  return plus + trimmed.replace(/\D/g, '');
}

/** A URL without scheme, www., trailing slash, query or fragment, lower-cased. */
export function normaliseUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
}
