import type { z } from 'zod';
import type { Settings, SettingsUpdate } from '../contract/keep-in-touch.js';
import { DEFAULT_TEMPLATES, TEMPLATE_KINDS } from '../domain/drafts.js';
import {
  type KeepInTouchSettings,
  parseSettingsDocument,
  patchSettingsDocument,
  resolveSettings,
  templateOf,
} from '../domain/settings.js';
import { NotFoundError } from '../lib/errors.js';
import { rebuildWeeks, refreshAllDueDates } from '../storage/repos/keep-in-touch.repo.js';
import { type Actor, type ServiceDeps, nowIso } from './context.js';

export function presentSettings(s: KeepInTouchSettings): Settings {
  return {
    timeZone: s.timeZone,
    weekStartsOn: s.weekStartsOn,
    cadences: { ...s.cadences },
    followUps: { ...s.followUps },
    weeklyGoal: { ...s.weeklyGoal },
    templates: Object.fromEntries(TEMPLATE_KINDS.map((k) => [k, templateOf(s, k)])) as Settings['templates'],
    customTemplates: TEMPLATE_KINDS.filter(
      (k) => s.templates[k] !== undefined && s.templates[k] !== DEFAULT_TEMPLATES[k],
    ),
  };
}

export function settingsService({ db, clock }: ServiceDeps) {
  const k = db.kysely;
  return {
    async get(actor: Actor): Promise<Settings> {
      const row = await k
        .selectFrom('workspaces')
        .select('settings')
        .where('workspaceId', '=', actor.workspaceId)
        .where('id', '=', actor.workspaceId)
        .executeTakeFirst();
      if (!row) throw NotFoundError('Workspace');
      return presentSettings(resolveSettings(parseSettingsDocument(row.settings)));
    },

    /** Changing cadences or the time zone moves due dates; changing the calendar recounts the weeks. */
    async update(actor: Actor, patch: z.output<typeof SettingsUpdate>): Promise<Settings> {
      const next = await k.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('workspaces')
          .select('settings')
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', actor.workspaceId)
          .executeTakeFirst();
        if (!row) throw NotFoundError('Workspace');
        const doc = parseSettingsDocument(row.settings);
        const before = resolveSettings(doc);
        const nextDoc = patchSettingsDocument(doc, patch);
        const after = resolveSettings(nextDoc);
        await trx
          .updateTable('workspaces')
          .set({ settings: JSON.stringify(nextDoc), updatedAt: nowIso(clock) })
          .where('workspaceId', '=', actor.workspaceId)
          .where('id', '=', actor.workspaceId)
          .execute();
        const calendarChanged = before.timeZone !== after.timeZone || before.weekStartsOn !== after.weekStartsOn;
        if (calendarChanged || JSON.stringify(before.cadences) !== JSON.stringify(after.cadences)) {
          await refreshAllDueDates(trx, actor.workspaceId, after);
        }
        if (calendarChanged) await rebuildWeeks(trx, actor.workspaceId, after);
        return after;
      });
      return presentSettings(next);
    },
  };
}
