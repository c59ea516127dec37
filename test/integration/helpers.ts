import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { ApiError } from '../../src/contract/client.js';
import type { Problem } from '../../src/contract/common.js';
import type { Dialect } from '../../src/storage/db.js';
import { type TestApp, type TestAppOptions, openTestApp } from '../support/app.js';
import type { TestDb } from '../support/db.js';

/*
 * Shared by the integration suites: a test app that remembers every 5xx it
 * sent (a suite fails if there was any), problem+json assertions, and a
 * snapshot of the database to prove a refused request wrote nothing.
 */

export interface WatchedApp extends TestApp {
  /** "METHOD url -> status" of every response with a 5xx status. */
  serverErrors: string[];
}

export async function openWatchedApp(dialect: Dialect, opts: TestAppOptions = {}): Promise<WatchedApp> {
  const t = await openTestApp(dialect, opts);
  const serverErrors: string[] = [];
  t.app.addHook('onResponse', async (req, reply) => {
    if (reply.statusCode >= 500) serverErrors.push(`${req.method} ${req.url} -> ${reply.statusCode}`);
  });
  return Object.assign(t, { serverErrors });
}

/** Awaits a client call that must fail, checks status and code, returns the problem. */
export async function expectApiError(call: Promise<unknown>, status: number, code: string): Promise<Problem> {
  let result: unknown;
  try {
    result = await call;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    expect({ status: e.status, code: e.code }, e.message).toEqual({ status, code });
    return e.problem;
  }
  throw new Error(`Expected ${status} ${code}, the call succeeded with ${JSON.stringify(result)?.slice(0, 200)}`);
}

export interface RawRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request below the typed client: any bytes, any headers. */
export function send(app: Pick<FastifyInstance, 'inject'>, req: RawRequest): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...req.headers };
  let payload: string | undefined;
  if (typeof req.body === 'string') payload = req.body;
  else if (req.body !== undefined) {
    payload = JSON.stringify(req.body);
    headers['content-type'] ??= 'application/json';
  }
  return app.inject({ method: req.method, url: req.url, headers, ...(payload !== undefined ? { payload } : {}) });
}

/** Asserts an RFC 9457 problem with this status and code, and returns it. */
export function expectProblem(res: LightMyRequestResponse, status: number, code: string): Problem {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = res.json() as Problem;
  expect(problem).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
  expect(problem.type.length).toBeGreaterThan(0);
  expect(problem.title.length).toBeGreaterThan(0);
  return problem;
}

/** The messages of a validation problem, by path. */
export function fieldErrors(problem: Problem): Record<string, string> {
  return Object.fromEntries((problem.errors ?? []).map((e) => [e.path, e.message]));
}

const TABLES = [
  'people',
  'organisations',
  'interactions',
  'interaction_participants',
  'contact_points',
  'person_roles',
  'tags',
  'topics',
  'person_tags',
  'person_topics',
  'person_purposes',
  'important_dates',
  'learnings',
  'follow_ups',
  'follow_up_people',
  'achievements',
  'nudge_states',
  'weekly_activity',
  'weekly_activity_deltas',
  'workspaces',
  'connections',
  'introductions',
  'opportunities',
  'opportunity_people',
];
const VERSIONED = ['people', 'organisations', 'interactions', 'follow_ups', 'introductions', 'opportunities'];

/**
 * Row counts of every table plus the sum of versions of the versioned ones, in
 * one round trip: equal snapshots before and after a refused request mean
 * nothing was written.
 */
export async function snapshot(db: TestDb): Promise<Record<string, number>> {
  const parts = [
    ...TABLES.map((t) => `(select count(*) from ${t}) as "${t}"`),
    ...VERSIONED.map((t) => `(select coalesce(sum(version), 0) from ${t}) as "${t}.versions"`),
  ];
  const { rows } = await sql.raw<Record<string, string | number>>(`select ${parts.join(', ')}`).execute(db.kysely);
  return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
}

/** Runs a request that must be refused and proves the database did not change. */
export async function expectRefused(t: WatchedApp, req: RawRequest, status: number, code: string): Promise<Problem> {
  const before = await snapshot(t.db);
  const problem = expectProblem(await send(t.app, req), status, code);
  expect(await snapshot(t.db)).toEqual(before);
  return problem;
}

export const MISSING_ID = '01900000-0000-7000-8000-000000000000';
