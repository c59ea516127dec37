import { type CircleCadences, DEFAULT_CADENCES } from './cadence.js';
import { DEFAULT_TEMPLATES, TEMPLATE_KINDS, type TemplateKind } from './drafts.js';
import { DEFAULT_GOAL, type WeeklyGoal } from './goals.js';

/*
 * Keep-in-touch settings of a workspace, stored in workspaces.settings (JSON).
 * Reading is lenient: a missing or malformed value falls back to its default,
 * so an old or hand-edited document never breaks Today. Unknown keys (other
 * features' settings) are preserved on write.
 */

export interface KeepInTouchSettings {
  timeZone: string;
  weekStartsOn: 0 | 1;
  cadences: CircleCadences;
  followUps: { autoCreate: boolean; delayDays: number };
  weeklyGoal: WeeklyGoal;
  /** Only the templates the workspace changed; the rest are the defaults. */
  templates: Partial<Record<TemplateKind, string>>;
}

export const DEFAULT_SETTINGS: KeepInTouchSettings = {
  timeZone: 'UTC',
  weekStartsOn: 1,
  cadences: DEFAULT_CADENCES,
  followUps: { autoCreate: true, delayDays: 2 },
  weeklyGoal: DEFAULT_GOAL,
  templates: {},
};

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function int(v: unknown, fallback: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fallback;
}

function validZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function parseSettingsDocument(raw: string | null | undefined): Json {
  if (!raw) return {};
  try {
    return obj(JSON.parse(raw));
  } catch {
    return {};
  }
}

export function resolveSettings(doc: Json): KeepInTouchSettings {
  const d = DEFAULT_SETTINGS;
  const c = obj(doc.cadences);
  const f = obj(doc.followUps);
  const g = obj(doc.weeklyGoal);
  const t = obj(doc.templates);
  const templates: Partial<Record<TemplateKind, string>> = {};
  for (const k of TEMPLATE_KINDS) {
    const v = t[k];
    if (typeof v === 'string' && v.trim() !== '') templates[k] = v;
  }
  return {
    timeZone: validZone(doc.timeZone) ? doc.timeZone : d.timeZone,
    weekStartsOn: doc.weekStartsOn === 0 ? 0 : 1,
    cadences: {
      inner: int(c.inner, d.cadences.inner, 1, 3650),
      close: int(c.close, d.cadences.close, 1, 3650),
      wider: int(c.wider, d.cadences.wider, 1, 3650),
      loose: int(c.loose, d.cadences.loose, 1, 3650),
    },
    followUps: {
      autoCreate: typeof f.autoCreate === 'boolean' ? f.autoCreate : d.followUps.autoCreate,
      delayDays: int(f.delayDays, d.followUps.delayDays, 0, 60),
    },
    weeklyGoal: {
      touches: int(g.touches, d.weeklyGoal.touches, 0, 500),
      checkIns: int(g.checkIns, d.weeklyGoal.checkIns, 0, 100),
    },
    templates,
  };
}

export interface SettingsPatch {
  timeZone?: string | undefined;
  weekStartsOn?: 0 | 1 | undefined;
  cadences?: Partial<CircleCadences> | undefined;
  followUps?: Partial<KeepInTouchSettings['followUps']> | undefined;
  weeklyGoal?: Partial<WeeklyGoal> | undefined;
  templates?: Partial<Record<TemplateKind, string | null>> | undefined;
}

/** The stored document after a patch: nested objects merge, a null template goes back to the default. */
export function patchSettingsDocument(doc: Json, patch: SettingsPatch): Json {
  const current = resolveSettings(doc);
  const templates: Json = { ...current.templates };
  for (const [k, v] of Object.entries(patch.templates ?? {})) {
    if (v === null || v === undefined) delete templates[k];
    else templates[k] = v;
  }
  const defined = <T extends object>(o: T | undefined) =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined));
  return {
    ...doc,
    timeZone: patch.timeZone ?? current.timeZone,
    weekStartsOn: patch.weekStartsOn ?? current.weekStartsOn,
    cadences: { ...current.cadences, ...defined(patch.cadences) },
    followUps: { ...current.followUps, ...defined(patch.followUps) },
    weeklyGoal: { ...current.weeklyGoal, ...defined(patch.weeklyGoal) },
    templates,
  };
}

export function templateOf(s: KeepInTouchSettings, kind: TemplateKind): string {
  return s.templates[kind] ?? DEFAULT_TEMPLATES[kind];
}
