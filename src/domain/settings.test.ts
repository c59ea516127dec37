import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './drafts.js';
import {
  DEFAULT_SETTINGS,
  parseSettingsDocument,
  patchSettingsDocument,
  resolveSettings,
  templateOf,
} from './settings.js';

describe('keep-in-touch settings', () => {
  it('falls back to defaults for missing or malformed values', () => {
    expect(resolveSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(resolveSettings(parseSettingsDocument('not json'))).toEqual(DEFAULT_SETTINGS);
    const s = resolveSettings({ timeZone: 'Mars/Olympus', cadences: { inner: -3, close: 21 }, weeklyGoal: 'x' });
    expect(s.timeZone).toBe('UTC');
    expect(s.cadences).toEqual({ ...DEFAULT_SETTINGS.cadences, close: 21 });
    expect(s.weeklyGoal).toEqual(DEFAULT_SETTINGS.weeklyGoal);
  });

  it('merges patches, keeps other keys and restores default templates with null', () => {
    const doc = patchSettingsDocument(
      { theme: 'dark' },
      { timeZone: 'Europe/Lisbon', cadences: { inner: 10 }, templates: { check_in: 'Hey {{firstName}}' } },
    );
    expect(doc.theme).toBe('dark');
    const s = resolveSettings(doc);
    expect(s.timeZone).toBe('Europe/Lisbon');
    expect(s.cadences.inner).toBe(10);
    expect(s.cadences.close).toBe(30);
    expect(templateOf(s, 'check_in')).toBe('Hey {{firstName}}');
    const back = resolveSettings(patchSettingsDocument(doc, { templates: { check_in: null } }));
    expect(templateOf(back, 'check_in')).toBe(DEFAULT_TEMPLATES.check_in);
    expect(back.timeZone).toBe('Europe/Lisbon');
  });
});
