import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueDigests } from '../../src/jobs/digests.js';
import { createJobScheduler } from '../../src/jobs/index.js';
import { createMailer, type Mailer } from '../../src/jobs/mailer.js';
import { type Db, openDb } from '../../src/storage/db.js';
import { openTestApp, type TestApp } from '../support/app.js';
import { HOUR, TestClock } from '../support/clock.js';
import { DIALECTS } from '../support/db.js';
import { buildPerson } from '../support/factories.js';
import { startSmtp } from '../support/smtp.js';

/* Email digests: captured by a local SMTP server, sent once per period, with a one-click unsubscribe. */

const APP = 'https://tend.example';
const quiet = { info() {}, error() {} };
const tomorrow = (hhmm: string) => {
  const d = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return new Date(`${d}T${hhmm}:00.000Z`);
};

describe.each(DIALECTS)('email digests on %s', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: Mailer;
  let anaId: string;
  beforeAll(async () => {
    t = await openTestApp(dialect);
    smtp = await startSmtp();
    mailer = createMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'Tend <tend@tend.example>' });
    const ana = await t.client.createPerson({ body: buildPerson({ fullName: 'Ana Ruiz' }) });
    anaId = ana.id;
    const today = new Date().toISOString().slice(0, 10);
    await t.client.createFollowUp({ body: { title: 'Send the deck', personIds: [ana.id], dueOn: today } });
  });
  afterAll(async () => {
    await smtp.close();
    await t.close();
  });

  it('is off until chosen; settings are validated', async () => {
    expect(await t.client.getDigestSettings({})).toMatchObject({
      frequency: 'off',
      hour: 8,
      timeZone: 'UTC',
      recipient: t.owner.user.email,
      mailConfigured: false,
    });
    const bad = await t.app.inject({ method: 'PATCH', url: '/api/v1/digest', payload: { hour: 24 } });
    expect(bad.statusCode).toBe(400);
    expect(await t.client.updateDigestSettings({ body: { frequency: 'daily', hour: 8 } })).toMatchObject({
      frequency: 'daily',
    });
  });

  it('sends the daily digest once, as text and HTML with links back and List-Unsubscribe headers', async () => {
    const at = tomorrow('08:30');
    expect(await sendDueDigests(t.db, at, { mailer, appUrl: APP })).toBe(1);
    expect(await sendDueDigests(t.db, new Date(at.getTime() + HOUR), { mailer, appUrl: APP })).toBe(0);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail?.to).toEqual([t.owner.user.email]);
    expect(mail?.headers.subject).toMatch(/^Tend: reach out to Ana Ruiz/);
    expect(mail?.headers['list-unsubscribe']).toMatch(
      /^<https:\/\/tend\.example\/unsubscribe\?w=[\w-]+&u=[\w-]+&s=[\w-]+>$/,
    );
    expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail?.raw).toContain('Content-Type: text/plain');
    expect(mail?.raw).toContain('Content-Type: text/html');
    expect(mail?.decoded).toContain(`${APP}/people/${anaId}`);
    expect(mail?.decoded).toContain('Open Tend');
    expect(mail?.decoded).toContain('Who to reach out to');
    const log = await t.client.listDigestDeliveries({});
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      status: 'sent',
      recipient: t.owner.user.email,
      period: `daily:${at.toISOString().slice(0, 10)}`,
    });
  });

  it('unsubscribes with one click, without signing in; a forged link changes nothing', async () => {
    const link = new URL(smtp.mails[0]?.headers['list-unsubscribe']?.slice(1, -1) ?? '');
    const path = `${link.pathname}${link.search}`;
    const forged = path.replace(/s=[\w-]+/, 's=AAAA');
    const bad = await t.anonymousApp.inject({
      method: 'POST',
      url: forged,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(bad.statusCode).toBe(404);
    const page = await t.anonymousApp.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post"');
    expect((await t.client.getDigestSettings({})).frequency).toBe('daily'); // GET changes nothing
    const res = await t.anonymousApp.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('unsubscribed');
    expect((await t.client.getDigestSettings({})).frequency).toBe('off');
  });

  it('sends a digest missed while the scheduler was stopped when it starts', async () => {
    await t.client.updateDigestSettings({
      body: { frequency: 'weekly', weekday: new Date(tomorrow('00:00')).getUTCDay(), hour: 9 },
    });
    const before = smtp.mails.length;
    const clock = new TestClock(tomorrow('07:00').getTime() + 86_400_000 * 0);
    const first = createJobScheduler({ db: t.db, log: quiet, clock, mailer, appUrl: APP, tickMs: 3_600_000 });
    await first.start();
    await first.stop();
    expect(smtp.mails.length).toBe(before);
    clock.advance(4 * HOUR); // down across 09:00
    const second = createJobScheduler({ db: t.db, log: quiet, clock, mailer, appUrl: APP, tickMs: 3_600_000 });
    await second.start();
    await second.stop();
    expect(smtp.mails.length).toBe(before + 1);
    expect((await t.client.listDigestDeliveries({})).items[0]?.period).toMatch(/^weekly:/);
    await t.client.updateDigestSettings({ body: { frequency: 'off' } });
  });
});

describe.runIf(DIALECTS.includes('postgres'))('digests with two instances on one PostgreSQL', () => {
  let t: TestApp;
  let other: Db;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    t = await openTestApp('postgres');
    other = await openDb(t.db.url, { poolSize: 4 });
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
    await other.close();
    await t.close();
  });

  it('send each digest once', async () => {
    const people = await Promise.all([1, 2, 3].map(() => t.createUser()));
    for (const u of [t.owner, ...people]) {
      const p = await u.client.createPerson({ body: buildPerson() });
      await u.client.createFollowUp({ body: { personIds: [p.id], dueOn: new Date().toISOString().slice(0, 10) } });
      await u.client.updateDigestSettings({ body: { frequency: 'daily', hour: 8 } });
    }
    const mailer = createMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'tend@tend.example' });
    const clock = new TestClock(tomorrow('08:05').getTime());
    const a = createJobScheduler({
      db: t.db,
      log: quiet,
      clock,
      mailer,
      appUrl: APP,
      tickMs: 3_600_000,
      instanceId: 'a',
    });
    const b = createJobScheduler({
      db: other,
      log: quiet,
      clock,
      mailer,
      appUrl: APP,
      tickMs: 3_600_000,
      instanceId: 'b',
    });
    await Promise.all([a.start(), b.start()]);
    // Force both to run the digest job at the same moment, past the job claim: only the per-digest claim protects.
    await Promise.all([
      sendDueDigests(t.db, clock.now(), { mailer, appUrl: APP }),
      sendDueDigests(other, clock.now(), { mailer, appUrl: APP }),
    ]);
    await Promise.all([a.stop(), b.stop()]);
    expect(smtp.mails).toHaveLength(4);
    expect(new Set(smtp.mails.map((m) => m.to[0])).size).toBe(4);
  });
});
