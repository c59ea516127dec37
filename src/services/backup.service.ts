import { type Kysely, sql } from 'kysely';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupDocument,
  BackupHeader,
  type BackupRow,
  portableRow,
} from '../formats/backup.js';
import { AppError, BadRequestError, ConflictError } from '../lib/errors.js';
import { BACKED_UP_TABLES, type BackedUpTable } from '../storage/backup-tables.js';
import { camel, tableColumns } from '../storage/introspect.js';
import { rebuildWorkspace } from '../storage/search/index.js';
import { foldWeeks } from '../storage/repos/keep-in-touch.repo.js';
import type { Q } from '../storage/search/types.js';
import { type Actor, nowIso, type ServiceDeps } from './context.js';

const PAGE = 1000;

export interface RestoreResult {
  dryRun: boolean;
  workspaceName: string;
  counts: Record<string, number>;
}

class DryRunRollback extends Error {}

// biome-ignore lint/suspicious/noExplicitAny: the registry names tables at run time; each is checked against the schema
type AnyDb = Kysely<any>;

/**
 * Backup and restore of a whole workspace, table by table from the registry
 * in storage/backup-tables.ts. A backup is written as a stream of JSON text;
 * a restore happens in one transaction into an empty workspace, ids kept.
 */
export function backupService({ db, clock }: ServiceDeps) {
  const k = db.kysely as unknown as AnyDb;

  async function* rowsOf(workspaceId: string, t: BackedUpTable): AsyncGenerator<BackupRow> {
    let after: unknown[] | null = null;
    for (;;) {
      let q = k.selectFrom(t.name).selectAll().where('workspaceId', '=', workspaceId);
      if (after !== null) {
        const cols = sql.join(t.key.map((c) => sql.ref(c)));
        const vals = sql.join(after.map((v) => sql`${v}`));
        q = q.where(sql<boolean>`(${cols}) > (${vals})`);
      }
      for (const c of t.key) q = q.orderBy(c);
      const rows = (await q.limit(PAGE).execute()) as Record<string, unknown>[];
      for (const r of rows) yield portableRow(r);
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1] as Record<string, unknown>;
      after = t.key.map((c) => last[c]);
    }
  }

  async function countRows(q: AnyDb, workspaceId: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const t of BACKED_UP_TABLES) {
      const r = await q
        .selectFrom(t.name)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('workspaceId', '=', workspaceId)
        .executeTakeFirst();
      counts[t.name] = Number(r?.n ?? 0);
    }
    return counts;
  }

  /** Checks the header before anything else, so a foreign or newer file gets a clear answer. */
  function parseDocument(input: unknown): BackupDocument {
    const header = BackupHeader.safeParse(input);
    if (!header.success || header.data.format !== BACKUP_FORMAT) {
      throw BadRequestError(
        'not_a_backup',
        'Not a Tend backup',
        'The file is not a Tend workspace backup (it has no "format": "tend-backup"). Make one with: tend backup',
      );
    }
    if (header.data.formatVersion > BACKUP_FORMAT_VERSION) {
      throw BadRequestError(
        'backup_too_new',
        'Backup from a newer Tend',
        `The backup has format version ${header.data.formatVersion}; this Tend reads up to version ${BACKUP_FORMAT_VERSION}. Upgrade Tend, then restore.`,
      );
    }
    const doc = BackupDocument.safeParse(input);
    if (!doc.success) {
      const issue = doc.error.issues[0];
      const where = issue ? issue.path.join('.') : '';
      throw BadRequestError(
        'backup_malformed',
        'Malformed backup',
        `The backup is damaged at ${where || 'its top level'}: ${issue?.message ?? 'invalid'}. Nothing was restored.`,
      );
    }
    const known = new Set(BACKED_UP_TABLES.map((t) => t.name));
    const unknown = Object.keys(doc.data.tables).filter((n) => !known.has(n as BackedUpTable['name']));
    if (unknown.length > 0) {
      throw BadRequestError(
        'backup_malformed',
        'Malformed backup',
        `The backup has tables this Tend does not know: ${unknown.join(', ')}. Nothing was restored.`,
      );
    }
    return doc.data;
  }

  return {
    /** The backup document as a stream of JSON text chunks, table by table, page by page. */
    async *stream(actor: Actor): AsyncGenerator<string> {
      const ws = await k
        .selectFrom('workspaces')
        .select(['name', 'settings'])
        .where('id', '=', actor.workspaceId)
        .executeTakeFirstOrThrow();
      let settings: unknown = {};
      try {
        settings = JSON.parse(ws.settings);
      } catch {
        settings = {};
      }
      // The weekly counts in the document are whole: PostgreSQL's deltas not folded yet go into them first.
      await foldWeeks(db.kysely, actor.workspaceId);
      yield `{"format":${JSON.stringify(BACKUP_FORMAT)},"formatVersion":${BACKUP_FORMAT_VERSION},"createdAt":${JSON.stringify(nowIso(clock))},`;
      yield `"workspace":${JSON.stringify({ name: ws.name, settings })},"tables":{`;
      let firstTable = true;
      for (const t of BACKED_UP_TABLES) {
        yield `${firstTable ? '' : ','}\n${JSON.stringify(t.name)}:[`;
        firstTable = false;
        let first = true;
        let buf = '';
        for await (const row of rowsOf(actor.workspaceId, t)) {
          buf += `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
          first = false;
          if (buf.length > 64 * 1024) {
            yield buf;
            buf = '';
          }
        }
        yield `${buf}]`;
      }
      yield '}}\n';
    },

    counts(actor: Actor) {
      return countRows(k, actor.workspaceId);
    },

    /**
     * Restores a backup document into the actor's workspace, which must be
     * empty. All or nothing: one transaction. A dry run does the same work and
     * rolls it back, so it finds every problem a real restore would.
     */
    async restore(actor: Actor, input: unknown, options: { dryRun: boolean }): Promise<RestoreResult> {
      const doc = parseDocument(input);
      const columns = await tableColumns(db);
      const counts: Record<string, number> = {};
      try {
        await k.transaction().execute(async (trx) => {
          const existing = await countRows(trx, actor.workspaceId);
          const nonEmpty = Object.entries(existing).filter(([, n]) => n > 0);
          if (nonEmpty.length > 0) {
            throw ConflictError(
              'workspace_not_empty',
              'Workspace not empty',
              `A backup restores only into an empty workspace; this one has ${nonEmpty
                .map(([t, n]) => `${n} ${t}`)
                .join(', ')}. Restore into a new, empty workspace (a fresh Tend, or a new account).`,
            );
          }
          // Deltas an emptied workspace may still hold would be added to the restored weeks.
          await trx.deleteFrom('weeklyActivityDeltas').where('workspaceId', '=', actor.workspaceId).execute();
          for (const t of BACKED_UP_TABLES) {
            const rows = doc.tables[t.name] ?? [];
            counts[t.name] = rows.length;
            if (rows.length === 0) continue;
            const allowed = new Set((columns.get(t.sql) ?? []).map(camel));
            for (const [i, row] of rows.entries()) {
              for (const key of Object.keys(row)) {
                if (key === 'workspaceId' || !allowed.has(key)) {
                  throw BadRequestError(
                    'backup_malformed',
                    'Malformed backup',
                    `Row ${i + 1} of "${t.name}" has a column this Tend does not know: "${key}". Nothing was restored.`,
                  );
                }
              }
            }
            const width = Math.max(1, allowed.size);
            const chunk = Math.max(1, Math.min(500, Math.floor(30_000 / width)));
            for (let i = 0; i < rows.length; i += chunk) {
              const values = rows.slice(i, i + chunk).map((r) => ({ ...r, workspaceId: actor.workspaceId }));
              try {
                await trx.insertInto(t.name).values(values).execute();
              } catch (e) {
                throw BadRequestError(
                  'backup_inconsistent',
                  'Backup could not be restored',
                  `Rows ${i + 1}–${i + values.length} of "${t.name}" were refused by the database (${
                    e instanceof Error ? e.message.split('\n')[0]?.slice(0, 200) : String(e)
                  }). Nothing was restored.`,
                );
              }
            }
          }
          await trx
            .updateTable('workspaces')
            .set({
              name: doc.workspace.name,
              settings: JSON.stringify(doc.workspace.settings),
              updatedAt: nowIso(clock),
            })
            .where('id', '=', actor.workspaceId)
            .execute();
          if (options.dryRun) throw new DryRunRollback();
          // The search index is derived, not backed up: build it from what was restored.
          await rebuildWorkspace(trx as unknown as Q, actor.workspaceId);
        });
      } catch (e) {
        if (!(e instanceof DryRunRollback)) {
          if (e instanceof AppError) throw e;
          throw BadRequestError(
            'backup_inconsistent',
            'Backup could not be restored',
            `${e instanceof Error ? e.message.split('\n')[0]?.slice(0, 200) : String(e)}. Nothing was restored.`,
          );
        }
      }
      return { dryRun: options.dryRun, workspaceName: doc.workspace.name, counts };
    },
  };
}

export type BackupService = ReturnType<typeof backupService>;
