import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobDefinition, createScheduler, listJobRuns } from '../../src/jobs/scheduler.js';
import { strengthRefreshJob } from '../../src/jobs/strength-refresh.js';
import { type Db, openDb } from '../../src/storage/db.js';
import { openTestApp, type TestApp } from '../support/app.js';
import { HOUR, TestClock } from '../support/clock.js';
import { DIALECTS } from '../support/db.js';

/* The job table: catch-up after downtime, failures with backoff, once across instances. */

const quiet = { info() {}, error() {} };

function countingJob(name: string, everyMs: number, counter: { n: number }, delayMs = 0): JobDefinition {
  return {
    name,
    everyMs,
    async run() {
      counter.n++;
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      return undefined;
    },
  };
}

describe.each(DIALECTS)('scheduler on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs a new job at start, and a job that fell due while stopped when started again', async () => {
    const clock = new TestClock();
    const counter = { n: 0 };
    const job = countingJob('catch-up', 6 * HOUR, counter);
    const first = createScheduler({ db: t.db, jobs: [job], log: quiet, clock, tickMs: 3_600_000 });
    await first.start();
    expect(counter.n).toBe(1);
    await first.tick();
    expect(counter.n).toBe(1); // not due again yet
    await first.stop();

    clock.advance(7 * HOUR); // the server was down across the due time
    const second = createScheduler({ db: t.db, jobs: [job], log: quiet, clock, tickMs: 3_600_000 });
    await second.start();
    expect(counter.n).toBe(2);
    await second.stop();
    const run = (await listJobRuns(t.db)).find((j) => j.name === 'catch-up');
    expect(run).toMatchObject({ status: 'ok', runs: 2, attempts: 0, lastRunAt: clock.now().toISOString() });
    expect(run?.dueAt).toBe(new Date(clock.now().getTime() + 6 * HOUR).toISOString());
  });

  it('records a failure and retries it sooner, backing off', async () => {
    const clock = new TestClock();
    let fail = true;
    const job: JobDefinition = {
      name: 'flaky',
      everyMs: HOUR,
      async run() {
        if (fail) throw new Error('receiver down');
        return undefined;
      },
    };
    const s = createScheduler({ db: t.db, jobs: [job], log: quiet, clock, tickMs: 3_600_000 });
    await s.start();
    let run = (await listJobRuns(t.db)).find((j) => j.name === 'flaky');
    expect(run).toMatchObject({ status: 'failed', attempts: 1, error: 'receiver down' });
    expect(Date.parse(run?.dueAt ?? '') - clock.now().getTime()).toBe(30_000);
    clock.advance(30_000);
    await s.tick();
    run = (await listJobRuns(t.db)).find((j) => j.name === 'flaky');
    expect(run).toMatchObject({ status: 'failed', attempts: 2 });
    expect(Date.parse(run?.dueAt ?? '') - clock.now().getTime()).toBe(60_000);
    fail = false;
    clock.advance(60_000);
    await s.tick();
    run = (await listJobRuns(t.db)).find((j) => j.name === 'flaky');
    expect(run).toMatchObject({ status: 'ok', attempts: 0, error: null });
    await s.stop();
  });

  it('wakes a job early when new work arrives', async () => {
    const clock = new TestClock();
    const counter = { n: 0 };
    const s = createScheduler({
      db: t.db,
      jobs: [countingJob('wakeable', HOUR, counter)],
      log: quiet,
      clock,
      tickMs: 3_600_000,
    });
    await s.start();
    expect(counter.n).toBe(1);
    s.wake('wakeable');
    await new Promise((r) => setTimeout(r, 300));
    expect(counter.n).toBe(2);
    await s.stop();
  });

  it('shows the last runs in GET /api/health, without signing in', async () => {
    const s = createScheduler({ db: t.db, jobs: [strengthRefreshJob], log: quiet, tickMs: 3_600_000 });
    await s.start();
    await s.stop();
    const res = await t.anonymousApp.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const jobs = res.json().jobs as { name: string; status: string; lastRunAt: string | null }[];
    expect(jobs.find((j) => j.name === 'strength-refresh')).toMatchObject({ status: 'ok' });
    expect(jobs.every((j) => !('error' in j))).toBe(true);
  });
});

describe.runIf(DIALECTS.includes('postgres'))('two scheduler instances on one PostgreSQL', () => {
  let t: TestApp;
  let other: Db;
  beforeAll(async () => {
    t = await openTestApp('postgres');
    other = await openDb(t.db.url, { poolSize: 4 });
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('run a due job once, every time it falls due', async () => {
    const counter = { n: 0 };
    const clock = new TestClock();
    const job = countingJob('once', HOUR, counter, 30);
    const a = createScheduler({ db: t.db, jobs: [job], log: quiet, clock, tickMs: 3_600_000, instanceId: 'a' });
    const b = createScheduler({ db: other, jobs: [job], log: quiet, clock, tickMs: 3_600_000, instanceId: 'b' });
    await Promise.all([a.start(), b.start()]);
    expect(counter.n).toBe(1);
    const ranBy = { a: 0, b: 0 };
    for (let round = 0; round < 20; round++) {
      clock.advance(HOUR);
      const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
      ranBy.a += ra.length;
      ranBy.b += rb.length;
    }
    expect(counter.n).toBe(21);
    expect(ranBy.a + ranBy.b).toBe(20);
    await Promise.all([a.stop(), b.stop()]);
  });
});
