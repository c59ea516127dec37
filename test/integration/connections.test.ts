import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { MISSING_ID, type WatchedApp, expectRefused, fieldErrors, openWatchedApp } from './helpers.js';

/* Connections between people of a workspace: one per unordered pair and kind; "introduced by" end to end. */

describe.each(DIALECTS)('connections on %s', (dialect) => {
  let t: WatchedApp;
  let ana = '';
  let raj = '';
  let li = '';
  beforeAll(async () => {
    t = await openWatchedApp(dialect);
    ana = (await t.client.createPerson({ body: buildPerson({ fullName: 'Ana Ruiz' }) })).id;
    raj = (await t.client.createPerson({ body: buildPerson({ fullName: 'Raj Patel' }) })).id;
    li = (await t.client.createPerson({ body: buildPerson({ fullName: 'Li Wei' }) })).id;
  });
  afterAll(async () => {
    expect(t.serverErrors).toEqual([]);
    await t.close();
  });

  it('records a connection once per pair and kind, whichever way round it is named', async () => {
    const c = await t.client.createConnection({ body: { fromId: ana, toId: raj, kind: 'worked_with', note: 'Acme' } });
    expect(c).toMatchObject({ kind: 'worked_with', strength: 3, source: 'manual', sourceId: null, note: 'Acme' });
    expect([c.from.fullName, c.to.fullName].sort()).toEqual(['Ana Ruiz', 'Raj Patel']);
    const again = await expectRefused(
      t,
      { method: 'POST', url: '/api/v1/connections', body: { fromId: raj, toId: ana, kind: 'worked_with' } },
      409,
      'connection_exists',
    );
    expect(again.detail).toContain(c.id);
    // Another kind between the same two is another connection.
    await t.client.createConnection({ body: { fromId: raj, toId: ana, kind: 'family', strength: 5 } });
    const ofAna = await t.client.listPersonConnections({ params: { id: ana } });
    expect(ofAna.items.map((x) => [x.kind, x.strength])).toEqual([
      ['family', 5],
      ['worked_with', 3],
    ]);
    const ofRaj = await t.client.listPersonConnections({ params: { id: raj } });
    expect(ofRaj.items).toHaveLength(2);
  });

  it('keeps the direction of reports_to', async () => {
    const c = await t.client.createConnection({ body: { fromId: li, toId: ana, kind: 'reports_to' } });
    expect(c.from.id).toBe(li);
    expect(c.to.id).toBe(ana);
    const [fromAna] = (await t.client.listPersonConnections({ params: { id: ana } })).items.filter(
      (x) => x.kind === 'reports_to',
    );
    expect(fromAna?.from.id).toBe(li);
  });

  it('changes strength and note, and removes', async () => {
    const c = await t.client.createConnection({ body: { fromId: li, toId: raj } });
    expect(c.kind).toBe('knows');
    const u = await t.client.updateConnection({
      params: { id: c.id },
      body: { strength: 4, note: 'Climbing buddies' },
    });
    expect(u).toMatchObject({ strength: 4, note: 'Climbing buddies' });
    await t.client.deleteConnection({ params: { id: c.id } });
    const ofLi = await t.client.listPersonConnections({ params: { id: li } });
    expect(ofLi.items.some((x) => x.id === c.id)).toBe(false);
  });

  it('refuses a person connected to themselves, unknown people, bad kinds and strengths', async () => {
    const url = '/api/v1/connections';
    let p = await expectRefused(t, { method: 'POST', url, body: { fromId: ana, toId: ana } }, 400, 'validation_failed');
    expect(fieldErrors(p)['body.toId']).toMatch(/themselves/);
    p = await expectRefused(
      t,
      { method: 'POST', url, body: { fromId: ana, toId: MISSING_ID } },
      400,
      'validation_failed',
    );
    expect(fieldErrors(p)).toEqual({ 'body.toId': 'no such person in this workspace' });
    p = await expectRefused(
      t,
      { method: 'POST', url, body: { fromId: ana, toId: raj, kind: 'enemy' } },
      400,
      'validation_failed',
    );
    expect(fieldErrors(p)['body.kind']).toMatch(/knows, worked_with, introduced, family, reports_to/);
    await expectRefused(
      t,
      { method: 'POST', url, body: { fromId: ana, toId: raj, strength: 9 } },
      400,
      'validation_failed',
    );
    await expectRefused(t, { method: 'GET', url: `/api/v1/people/${MISSING_ID}/connections` }, 404, 'not_found');
    await expectRefused(t, { method: 'DELETE', url: `/api/v1/connections/${MISSING_ID}` }, 404, 'not_found');
  });

  it('links "introduced by" both ways: the person shows who, the introducer shows whom', async () => {
    const sam = await t.client.createPerson({
      body: buildPerson({ fullName: 'Sam Okafor', howWeMet: { channel: 'introduction', introducedById: ana } }),
    });
    expect(sam.howWeMet.introducedBy).toEqual({ id: ana, fullName: 'Ana Ruiz' });
    const updated = await t.client.updatePerson({
      params: { id: sam.id },
      body: { version: sam.version, howWeMet: { introducedById: raj } },
    });
    expect(updated.howWeMet.introducedBy?.fullName).toBe('Raj Patel');
    expect((await t.client.listIntroducedPeople({ params: { id: raj } })).items.map((p) => p.fullName)).toEqual([
      'Sam Okafor',
    ]);
    expect((await t.client.listIntroducedPeople({ params: { id: ana } })).items).toEqual([]);
  });
});
