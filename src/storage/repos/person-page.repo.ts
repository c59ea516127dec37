import { CompiledQuery } from 'kysely';
import type { Person } from '../../contract/people.js';
import { effectiveCadence } from '../../domain/cadence.js';
import { mostlyAsks } from '../../domain/exchange.js';
import { type KeepInTouchSettings, parseSettingsDocument, resolveSettings } from '../../domain/settings.js';
import type { Db } from '../db.js';
import { windowStart } from './exchange.repo.js';

/*
 * The person page (GET /api/v1/people/:id) in one statement: the person's row,
 * their organisation and introducer, the workspace's settings, and each of the
 * page's lists as a JSON array from a subquery. hydratePerson (people.repo.ts)
 * reads the same in ten queries, each built, compiled and mapped by Kysely;
 * at 100k people those cost about a millisecond of CPU per first visit, most
 * of a request. On SQLite the statement is prepared once and run on the raw
 * connection (under Kysely's connection lock, so never inside another
 * request's transaction or beside a streamed read); on PostgreSQL it is one
 * round trip instead of ten.
 *
 * The lists keep the order and the values hydratePerson gives them
 * (test/integration/person-page.test.ts compares the two).
 */

type Dialect = Db['dialect'];

/** `json_group_array` / `json_agg` of `item` over `from`, ordered, `[]` when empty. */
function list(d: Dialect, item: string[], from: string, orderBy: string): string {
  if (d === 'sqlite') {
    const value = item.length === 1 ? item[0] : `json_array(${item.join(', ')})`;
    return `(select json_group_array(${value} order by ${orderBy}) ${from})`;
  }
  const value = item.length === 1 ? item[0] : `json_build_array(${item.join(', ')})`;
  return `(select coalesce(json_agg(${value} order by ${orderBy}), '[]'::json) ${from})`;
}

function pageSql(d: Dialect): string {
  const labels = (link: string, table: string, col: string) =>
    list(
      d,
      ['t.name'],
      `from ${link} l join ${table} t on t.workspace_id = l.workspace_id and t.id = l.${col}
       where l.workspace_id = :ws and l.person_id = :id`,
      't.normalized',
    );
  /*
   * Gives and asks in the window, as exchangeCounts (exchange.repo.ts) counts them. On SQLite each
   * participant row is matched in interactions_exchange_idx (workspace, exchange, occurred_at, id):
   * a participant row carries its interaction's occurred_at (written together by the interactions
   * service and imports), so the probe stays in the small give/ask part of that index, and only a
   * give or an ask reads its interaction's row (for deleted_at). The primary key lookup read one
   * random interactions page per participant row, ~40% of the statement at 1M interactions.
   */
  const exchange =
    d === 'sqlite'
      ? `(select json_group_array(json_array(x.exchange, x.n, x.last)) from (
      select i.exchange as exchange, count(*) as n, max(ip.occurred_at) as last
      from interaction_participants ip
      join interactions i indexed by interactions_exchange_idx
        on i.workspace_id = ip.workspace_id and i.exchange in ('give', 'ask')
        and i.occurred_at = ip.occurred_at and i.id = ip.interaction_id
      where ip.workspace_id = :ws and ip.person_id = :id and ip.occurred_at >= :since
        and i.deleted_at is null
      group by i.exchange) x)`
      : `(select coalesce(json_agg(json_build_array(x.exchange, x.n, x.last)), '[]'::json) from (
      select i.exchange as exchange, count(*) as n, max(ip.occurred_at) as last
      from interaction_participants ip
      join interactions i on i.workspace_id = ip.workspace_id and i.id = ip.interaction_id
      where ip.workspace_id = :ws and ip.person_id = :id and ip.occurred_at >= :since
        and i.deleted_at is null and i.exchange in ('give', 'ask')
      group by i.exchange) x)`;
  const text = `select
    p.id as "id", p.version as "version", p.full_name as "fullName", p.given_name as "givenName",
    p.family_name as "familyName", p.nickname as "nickname", p.headline as "headline",
    p.role_title as "roleTitle", p.location as "location", p.time_zone as "timeZone",
    p.photo_url as "photoUrl", p.circle as "circle", p.cadence_days as "cadenceDays", p.notes as "notes",
    p.met_channel as "metChannel", p.met_platform as "metPlatform", p.met_on as "metOn",
    p.met_event as "metEvent", p.met_context as "metContext", p.visibility as "visibility",
    p.last_interaction_at as "lastInteractionAt", p.interaction_count as "interactionCount",
    p.next_due_on as "nextDueOn", p.snoozed_until as "snoozedUntil",
    p.last_meaningful_at as "lastMeaningfulAt", p.strength as "strength", p.strength_trend as "strengthTrend",
    p.created_at as "createdAt", p.updated_at as "updatedAt", p.deleted_at as "deletedAt",
    o.id as "orgId", o.name as "orgName", intro.id as "introId", intro.full_name as "introName",
    (select w.settings from workspaces w where w.workspace_id = :ws and w.id = :ws) as "settings",
    ${list(
      d,
      ['kind', 'value', 'label', 'is_primary'],
      'from contact_points where workspace_id = :ws and person_id = :id',
      'position',
    )} as "points",
    ${labels('person_tags', 'tags', 'tag_id')} as "tags",
    ${labels('person_topics', 'topics', 'topic_id')} as "topics",
    ${list(d, ['purpose'], 'from person_purposes where workspace_id = :ws and person_id = :id', 'purpose')} as "purposes",
    ${list(
      d,
      ['r.id', 'r.title', 'r.organisation_id', 'ro.name', 'r.started_on', 'r.ended_on'],
      `from person_roles r
       left join organisations ro on ro.workspace_id = r.workspace_id and ro.id = r.organisation_id
       where r.workspace_id = :ws and r.person_id = :id`,
      `coalesce(r.ended_on, '9999') desc, r.created_at desc, r.id desc`,
    )} as "roles",
    ${list(
      d,
      ['kind', 'label', 'month', 'day', 'year'],
      'from important_dates where workspace_id = :ws and person_id = :id',
      'position',
    )} as "dates",
    ${list(
      d,
      ['id', 'category', 'body', 'learned_on', 'created_at'],
      'from learnings where workspace_id = :ws and person_id = :id',
      'created_at desc, id desc',
    )} as "learnings",
    ${exchange} as "exchange"
  from people p
  left join organisations o on o.workspace_id = p.workspace_id and o.id = p.organisation_id
  left join people intro on intro.workspace_id = p.workspace_id and intro.id = p.introduced_by_id
  where p.workspace_id = :ws and p.id = :id`;
  // SQLite: each parameter behind a scalar subquery, so the planner never looks at its value. With
  // sqlite_stat4 (ANALYZE fills it; imports run it) a statement whose plan consulted a bound value
  // is prepared again every time that value changes: this statement cost ~0.5 ms per call that way,
  // against ~0.05 ms with the values hidden. The plan is the same (point lookups on the same indexes).
  return d === 'sqlite'
    ? text.replace(/:(ws|id|since)\b/g, '(select @$1)')
    : text.replace(/:(ws|id|since)\b/g, (_, n: string) => `$${['ws', 'id', 'since'].indexOf(n) + 1}`);
}

interface PageRow {
  id: string;
  version: number;
  fullName: string;
  givenName: string | null;
  familyName: string | null;
  nickname: string | null;
  headline: string | null;
  roleTitle: string | null;
  location: string | null;
  timeZone: string | null;
  photoUrl: string | null;
  circle: string;
  cadenceDays: number | null;
  notes: string;
  metChannel: string | null;
  metPlatform: string | null;
  metOn: string | null;
  metEvent: string | null;
  metContext: string | null;
  visibility: string;
  lastInteractionAt: string | null;
  interactionCount: number;
  nextDueOn: string | null;
  snoozedUntil: string | null;
  lastMeaningfulAt: string | null;
  strength: number | string;
  strengthTrend: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  orgId: string | null;
  orgName: string | null;
  introId: string | null;
  introName: string | null;
  settings: string | null;
  // JSON text on SQLite, parsed arrays from PostgreSQL's driver.
  points: unknown;
  tags: unknown;
  topics: unknown;
  purposes: unknown;
  roles: unknown;
  dates: unknown;
  learnings: unknown;
  exchange: unknown;
}

function arr<T>(v: unknown): T[] {
  return (typeof v === 'string' ? JSON.parse(v) : (v ?? [])) as T[];
}

type Point = [kind: string, value: string, label: string | null, isPrimary: number];
type Role = [string, string | null, string | null, string | null, string | null, string | null];
type DateItem = [string, string | null, number, number, number | null];
type LearningItem = [string, string, string, string | null, string];
type ExchangeItem = [string, number | string, string | null];

export interface PersonPageReader {
  /** The person page, or undefined when there is no such person in the workspace (in the trash included). */
  read(workspaceId: string, id: string, now: Date): Promise<Person | undefined>;
}

export function personPageReader(db: Db): PersonPageReader {
  const text = pageSql(db.dialect);
  const raw = db.sqlite;
  // The settings document changes rarely: parsed once per distinct text.
  let lastSettings: string | null | undefined;
  let lastResolved: KeepInTouchSettings | undefined;
  const settingsOf = (doc: string | null) => {
    if (lastResolved === undefined || doc !== lastSettings) {
      lastResolved = resolveSettings(parseSettingsDocument(doc ?? undefined));
      lastSettings = doc;
    }
    return lastResolved;
  };

  let fetch: (ws: string, id: string, since: string) => Promise<PageRow | undefined>;
  if (raw) {
    let stmt: ReturnType<typeof raw.prepare> | undefined;
    // Under Kysely's lock on its one connection: no other request's transaction is open on it then.
    fetch = (ws, id, since) =>
      db.kysely.connection().execute(async () => {
        stmt ??= raw.prepare(text);
        return stmt.get({ ws, id, since }) as PageRow | undefined;
      });
  } else {
    fetch = async (ws, id, since) => {
      const r = await db.kysely.executeQuery<PageRow>(CompiledQuery.raw(text, [ws, id, since]));
      return r.rows[0];
    };
  }

  return {
    async read(workspaceId, id, now) {
      const w = windowStart(now);
      const r = await fetch(workspaceId, id, w.at);
      if (!r) return undefined;
      const cadences = settingsOf(r.settings).cadences;
      const points = arr<Point>(r.points);
      const c = { gives: 0, asks: 0, lastGiveAt: null as string | null, lastAskAt: null as string | null };
      for (const [kind, n, last] of arr<ExchangeItem>(r.exchange)) {
        if (kind === 'give') {
          c.gives = Number(n);
          c.lastGiveAt = last ?? null;
        } else if (kind === 'ask') {
          c.asks = Number(n);
          c.lastAskAt = last ?? null;
        }
      }
      const circle = r.circle as Person['circle'];
      return {
        id: r.id,
        version: r.version,
        fullName: r.fullName,
        givenName: r.givenName,
        familyName: r.familyName,
        nickname: r.nickname,
        headline: r.headline,
        roleTitle: r.roleTitle,
        organisation: r.orgId !== null && r.orgName !== null ? { id: r.orgId, name: r.orgName } : null,
        location: r.location,
        timeZone: r.timeZone,
        photoUrl: r.photoUrl,
        circle,
        cadenceDays: r.cadenceDays,
        notes: r.notes,
        emails: points.filter((p) => p[0] === 'email').map((p) => ({ value: p[1], label: p[2], primary: p[3] === 1 })),
        phones: points.filter((p) => p[0] === 'phone').map((p) => ({ value: p[1], label: p[2], primary: p[3] === 1 })),
        links: points.filter((p) => p[0] === 'link').map((p) => ({ url: p[1], label: p[2] })),
        tags: arr<string>(r.tags),
        topics: arr<string>(r.topics),
        purposes: arr<Person['purposes'][number]>(r.purposes),
        howWeMet: {
          channel: r.metChannel as Person['howWeMet']['channel'],
          platform: r.metPlatform,
          date: r.metOn,
          event: r.metEvent,
          context: r.metContext,
          introducedBy: r.introId !== null && r.introName !== null ? { id: r.introId, fullName: r.introName } : null,
        },
        roles: arr<Role>(r.roles).map(([roleId, title, orgId, orgName, startedOn, endedOn]) => ({
          id: roleId,
          title,
          organisation: orgId && orgName ? { id: orgId, name: orgName } : null,
          startedOn,
          endedOn,
        })),
        importantDates: arr<DateItem>(r.dates).map(([kind, label, month, day, year]) => ({
          kind: kind as Person['importantDates'][number]['kind'],
          label,
          month,
          day,
          year,
        })),
        learnings: arr<LearningItem>(r.learnings).map(([learningId, category, body, learnedOn, createdAt]) => ({
          id: learningId,
          personId: r.id,
          category: category as Person['learnings'][number]['category'],
          body,
          learnedOn,
          createdAt,
        })),
        visibility: r.visibility as Person['visibility'],
        lastInteractionAt: r.lastInteractionAt,
        interactionCount: r.interactionCount,
        keepInTouch: {
          cadenceDays: effectiveCadence(circle, r.cadenceDays, cadences),
          nextDueOn: r.nextDueOn,
          snoozedUntil: r.snoozedUntil,
          lastMeaningfulAt: r.lastMeaningfulAt,
          strength: Number(r.strength),
          trend: r.strengthTrend as Person['keepInTouch']['trend'],
        },
        exchange: { months: 12, since: w.on, ...c, mostlyAsks: mostlyAsks(c.gives, c.asks) },
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        deletedAt: r.deletedAt,
      };
    },
  };
}
