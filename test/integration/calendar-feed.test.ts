import { spawnSync } from 'node:child_process';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { DEBIAN_PYTHON, hasTool } from '../support/tools.js';

/* The secret calendar feed: what it contains, that it parses, and that its URL can be revoked. */

const PY_CHECK = `
import sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.read())
for e in cal.walk('VEVENT'):
    d = e.get('DTSTART').dt
    print(str(e.get('UID')) + '|' + type(d).__name__ + '|' + d.isoformat() + '|' + str(e.get('SUMMARY')) + '|' + (e.get('RRULE').to_ical().decode() if e.get('RRULE') else ''))
`;

describe.each(DIALECTS)('calendar feed on %s', (dialect) => {
  let t: TestApp;
  let feedPath: string;
  let ana: string;
  let eventId: string;
  // An event two weeks ahead, over three days.
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  beforeAll(async () => {
    t = await openTestApp(dialect);
    const a = await t.client.createPerson({
      body: buildPerson({
        fullName: 'Ana Ruiz, PhD; the "best"',
        circle: 'close',
        importantDates: [
          { kind: 'birthday', month: 2, day: 29, year: 1988 },
          { kind: 'work_anniversary', month: 6, day: 1 },
        ],
      }),
    });
    ana = a.id;
    await t.client.createFollowUp({ body: { title: 'Send the deck', personIds: [a.id], dueOn: '2026-12-01' } });
    await t.client.updateSettings({ body: { timeZone: 'Europe/Lisbon' } });
    const event = await t.client.createEvent({
      body: {
        name: 'DevConf, Brno',
        kind: 'conference',
        startsOn: day(14),
        endsOn: day(16),
        place: 'Brno Exhibition Centre',
        goals: 'Meet three people working on climate tech',
      },
    });
    eventId = event.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('is off until created, and the URL is shown once', async () => {
    expect(await t.client.getCalendarFeed({})).toMatchObject({ active: false, prefix: null });
    const created = await t.client.createCalendarFeed({});
    expect(created.url).toMatch(/^http:\/\/[^/]+\/feeds\/[0-9a-f-]{36}_[\w-]{43}\.ics$/);
    feedPath = new URL(created.url).pathname;
    const status = await t.client.getCalendarFeed({});
    expect(status).toMatchObject({ active: true, lastFetchedAt: null });
    expect(JSON.stringify(status)).not.toContain(feedPath.slice(44, 80));
  });

  it('serves follow-ups, check-ins, birthdays and anniversaries without signing in, parsed by ical.js', async () => {
    const res = await t.anonymousApp.inject({ method: 'GET', url: feedPath });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const body = res.body;
    expect(body).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n');
    expect(body).toContain('X-PUBLISHED-TTL:PT1H\r\n');
    expect(body).toContain('X-WR-TIMEZONE:Europe/Lisbon\r\n');
    for (const line of body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);

    const cal = new ICAL.Component(ICAL.parse(body));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const followUp = events.find((e) => e.uid.startsWith('followup-'));
    expect(followUp?.summary).toBe('Send the deck (Ana Ruiz, PhD; the "best")');
    expect(followUp?.startDate.isDate).toBe(true);
    expect(followUp?.startDate.toString()).toBe('2026-12-01');
    expect(byUid.get(`checkin-${ana}@tend`)?.summary).toBe('Check in with Ana Ruiz, PhD; the "best"');
    const birthday = events.find((e) => e.summary.endsWith('birthday'));
    expect(birthday?.isRecurring()).toBe(true);
    // The leap-day birthday falls on Feb 28 in common years.
    const it2 = birthday?.iterator();
    const occurrences: string[] = [];
    for (let i = 0; i < 4 && it2; i++) occurrences.push(it2.next()?.toString() ?? '');
    expect(occurrences).toEqual(['1988-02-29', '1989-02-28', '1990-02-28', '1991-02-28']);
    const anniversary = events.find((e) => e.summary.endsWith('work anniversary'));
    expect(anniversary?.startDate.toString()).toBe('2000-06-01');

    const conference = byUid.get(`event-${eventId}@tend`);
    expect(conference?.summary).toBe('DevConf, Brno');
    expect(conference?.startDate.toString()).toBe(day(14));
    // DTEND of an all-day event is the day after its last day.
    expect(conference?.endDate.toString()).toBe(day(17));
    expect(conference?.location).toBe('Brno Exhibition Centre');
    expect(conference?.description).toContain('climate tech');

    // Stable UIDs: a second fetch describes the same events.
    const again = await t.anonymousApp.inject({ method: 'GET', url: feedPath });
    const uids = (s: string) => [...s.matchAll(/^UID:(.*)$/gm)].map((m) => m[1]).sort();
    expect(uids(again.body)).toEqual(uids(body));
    expect((await t.client.getCalendarFeed({})).lastFetchedAt).not.toBeNull();
  });

  it('parses with Debian’s python3-icalendar', async (ctx) => {
    if (!hasTool('python3-icalendar', DEBIAN_PYTHON, ['-c', 'import icalendar'])) return ctx.skip();
    const res = await t.anonymousApp.inject({ method: 'GET', url: feedPath });
    const out = spawnSync(DEBIAN_PYTHON, ['-c', PY_CHECK], { input: res.body, encoding: 'utf8' });
    expect(out.stderr).toBe('');
    const rows = out.stdout.trim().split('\n');
    expect(rows).toContain(
      `checkin-${ana}@tend|date|${rows.find((r) => r.startsWith('checkin-'))?.split('|')[2]}|Check in with Ana Ruiz, PhD; the "best"|`,
    );
    const birthday = rows.find((r) => r.includes('|date|1988-02-29|') && r.includes('birthday'));
    expect(birthday?.split('|')[4]?.split(';').sort()).toEqual(['BYMONTH=2', 'BYMONTHDAY=-1', 'FREQ=YEARLY']);
    expect(rows.some((r) => r.includes('|date|2026-12-01|Send the deck'))).toBe(true);
  });

  it('stops working when revoked, and a new URL replaces the old', async () => {
    const next = await t.client.createCalendarFeed({});
    expect((await t.anonymousApp.inject({ method: 'GET', url: feedPath })).statusCode).toBe(404);
    const nextPath = new URL(next.url).pathname;
    expect((await t.anonymousApp.inject({ method: 'GET', url: nextPath })).statusCode).toBe(200);
    await t.client.revokeCalendarFeed({});
    expect((await t.anonymousApp.inject({ method: 'GET', url: nextPath })).statusCode).toBe(404);
    expect((await t.anonymousApp.inject({ method: 'GET', url: '/feeds/nonsense.ics' })).statusCode).toBe(404);
  });

  it('belongs to its user: another user’s feed shows their workspace only', async () => {
    const bob = await t.createUser();
    const created = await bob.client.createCalendarFeed({});
    const res = await t.anonymousApp.inject({ method: 'GET', url: new URL(created.url).pathname });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('Ana Ruiz');
    expect((await t.client.getCalendarFeed({})).active).toBe(false);
  });
});
