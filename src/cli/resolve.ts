import { ApiError, type Client } from '../contract/client.js';
import type { PersonSummary } from '../contract/people.js';
import { CliError } from './errors.js';
import { roleAt } from './format.js';

/*
 * People are named on the command line the way a person would name them:
 * "Ana Ruiz", "ana", or an id copied from a list. An exact name wins over a
 * partial one; when several people fit, nothing is guessed.
 */

export interface PersonRef {
  id: string;
  fullName: string;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CANDIDATES = 10;

/** Lower-case, accents off, single spaces: "José  García" and "jose garcia" compare equal. */
export function foldName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every word typed starts a word of the name: "ana r" fits "Ana Ruiz". */
export function nameFits(fullName: string, typed: string): boolean {
  const nameWords = foldName(fullName).split(' ');
  return foldName(typed)
    .split(' ')
    .filter(Boolean)
    .every((w) => nameWords.some((n) => n.startsWith(w)));
}

export function quoteArg(s: string): string {
  return s.includes('"') ? `'${s.replace(/'/g, "'\\''")}'` : `"${s}"`;
}

/** Picks the one person meant by `ref` among search results, or explains why it cannot. */
export function pickPerson(ref: string, found: readonly PersonSummary[], more: boolean): PersonSummary {
  const typed = foldName(ref);
  const exact = found.filter((p) => foldName(p.fullName) === typed);
  if (exact.length === 1 && exact[0]) return exact[0];
  if (exact.length > 1) throw ambiguous(ref, exact, false);
  const byName = found.filter((p) => nameFits(p.fullName, ref));
  if (byName.length === 1 && byName[0]) return byName[0];
  if (byName.length > 1) throw ambiguous(ref, byName, more);
  // Nothing by name: a single hit on email, role or organisation is still unambiguous.
  if (byName.length === 0 && found.length === 1 && found[0] && !more) return found[0];
  if (found.length > 0) throw ambiguous(ref, found, more);
  throw new CliError(
    `Person not found: No person named ${quoteArg(ref)} — add them with: tend people add ${quoteArg(ref)}`,
  );
}

function ambiguous(ref: string, people: readonly PersonSummary[], more: boolean): CliError {
  const shown = people.slice(0, MAX_CANDIDATES);
  const count = more ? `${people.length}+` : String(people.length);
  const lines = shown.map((p) => {
    const about = roleAt(p.roleTitle, p.organisation);
    return `  ${p.id}  ${p.fullName}${about ? `  (${about})` : ''}`;
  });
  if (people.length > shown.length) lines.push(`  … and ${people.length - shown.length} more`);
  return new CliError(`${quoteArg(ref)} matches ${count} people — use the full name or one of these ids:`, lines);
}

export async function resolvePerson(client: Client, ref: string): Promise<PersonRef> {
  const trimmed = ref.trim();
  if (!trimmed) throw new CliError('A person is needed: give a name or an id');
  if (ID.test(trimmed)) {
    try {
      const p = await client.getPerson({ params: { id: trimmed.toLowerCase() } });
      return { id: p.id, fullName: p.fullName };
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        throw new CliError(`Person not found: No person has the id ${trimmed} — find it with: tend people list`);
      }
      throw err;
    }
  }
  const page = await client.listPeople({ query: { q: trimmed, limit: 50 } });
  const p = pickPerson(trimmed, page.items, page.nextCursor !== null);
  return { id: p.id, fullName: p.fullName };
}
