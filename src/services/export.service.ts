import type { Circle } from '../contract/common.js';
import type { Person } from '../contract/people.js';
import { PEOPLE_CSV_COLUMNS, csvRow, personCsvRow } from '../formats/csv-export.js';
import { personToVcard, writeVcard } from '../formats/vcard.js';
import { fold } from '../domain/text.js';
import { readSettings } from '../storage/repos/keep-in-touch.repo.js';
import { hydratePeople } from '../storage/repos/people-batch.repo.js';
import type { Actor, ServiceDeps } from './context.js';

export interface ExportFilter {
  tag?: string | undefined;
  circle?: Circle | undefined;
}

const PAGE = 500;
/** Chunks handed to the HTTP stream are about this big, so a 100k-person export never sits whole in memory. */
const CHUNK = 64 * 1024;

/** People as CSV or vCard, page by page (keyset on id), written as a stream of text chunks. */
export function exportService({ db }: ServiceDeps) {
  const k = db.kysely;

  async function* pages(actor: Actor, filter: ExportFilter): AsyncGenerator<Person[]> {
    const settings = await readSettings(k, actor.workspaceId);
    let tagId: string | null = null;
    if (filter.tag !== undefined) {
      const tag = await k
        .selectFrom('tags')
        .select('id')
        .where('workspaceId', '=', actor.workspaceId)
        .where('normalized', '=', fold(filter.tag))
        .executeTakeFirst();
      if (!tag) return;
      tagId = tag.id;
    }
    let after = '';
    for (;;) {
      let q = k
        .selectFrom('people as p')
        .selectAll('p')
        .where('p.workspaceId', '=', actor.workspaceId)
        .where('p.deletedAt', 'is', null)
        .where('p.id', '>', after);
      if (filter.circle) q = q.where('p.circle', '=', filter.circle);
      if (tagId !== null) {
        const id = tagId;
        q = q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('personTags as pt')
              .select('pt.personId')
              .whereRef('pt.workspaceId', '=', 'p.workspaceId')
              .whereRef('pt.personId', '=', 'p.id')
              .where('pt.tagId', '=', id),
          ),
        );
      }
      const rows = await q.orderBy('p.id').limit(PAGE).execute();
      if (rows.length === 0) return;
      yield await hydratePeople(k, actor.workspaceId, rows, settings.cadences);
      if (rows.length < PAGE) return;
      after = (rows[rows.length - 1] as { id: string }).id;
    }
  }

  async function* chunked(lines: AsyncGenerator<string>): AsyncGenerator<string> {
    let buf = '';
    for await (const line of lines) {
      buf += line;
      if (buf.length >= CHUNK) {
        yield buf;
        buf = '';
      }
    }
    if (buf !== '') yield buf;
  }

  return {
    csv(actor: Actor, filter: ExportFilter): AsyncGenerator<string> {
      return chunked(
        (async function* () {
          // A BOM so spreadsheet programs read the file as UTF-8.
          yield `\uFEFF${csvRow([...PEOPLE_CSV_COLUMNS])}`;
          for await (const page of pages(actor, filter)) for (const p of page) yield personCsvRow(p);
        })(),
      );
    },

    vcard(actor: Actor, filter: ExportFilter, version: '4.0' | '3.0'): AsyncGenerator<string> {
      return chunked(
        (async function* () {
          for await (const page of pages(actor, filter)) {
            for (const p of page) yield writeVcard(personToVcard(p), { version });
          }
        })(),
      );
    },
  };
}
