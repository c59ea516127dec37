import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshStaleStrengths } from '../../src/jobs/strength-refresh.js';
import { STRENGTH_SETTLED } from '../../src/storage/repos/keep-in-touch.repo.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { type WatchedApp, openWatchedApp } from './helpers.js';

/* The daily refresh lets stored strength decay, touching only rows that can change. */

describe.each(DIALECTS)('strength refresh on %s', (dialect) => {
  let t: WatchedApp;
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it('decays yesterday’s strength, marks it cooling, and skips people with nothing to decay', async () => {
    const p = await t.client.createPerson({ body: buildPerson({ circle: 'close' }) });
    const idle = await t.client.createPerson({ body: buildPerson() });
    await t.client.createInteraction({
      body: { kind: 'coffee', summary: 'Coffee', participantIds: [p.id], occurredAt: new Date().toISOString() },
    });
    // A logged interaction queues its people's strength for the catch-up job; then it is today's.
    expect(await t.catchUp()).toBe(1);
    const fresh = (await t.client.getPerson({ params: { id: p.id } })).keepInTouch.strength;
    const row = (id: string) =>
      t.db.kysely
        .selectFrom('people')
        .select(['strength', 'strengthTrend', 'strengthOn'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    expect((await row(idle.id)).strengthOn).toBe(STRENGTH_SETTLED);

    const inSixtyDays = new Date(Date.now() + 60 * 86_400_000);
    expect(await refreshStaleStrengths(t.db, inSixtyDays)).toBe(1);
    const later = await row(p.id);
    expect(Number(later.strength)).toBeLessThan(fresh);
    expect(later.strengthTrend).toBe('cooling');
    expect(later.strengthOn).toBe(inSixtyDays.toISOString().slice(0, 10));
    // Nothing left to do the same day.
    expect(await refreshStaleStrengths(t.db, inSixtyDays)).toBe(0);
  });
});
