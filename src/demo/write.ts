import { ApiError, type Client } from '../contract/client.js';
import type { DemoNetwork, DemoPerson } from './model.js';

/*
 * Writes a generated network through the API client, so the demo works the
 * same against the local database and a remote server. Whatever is created
 * by name (tags, organisations, topics) is created one at a time, since two
 * requests creating the same name would race; the rest goes `concurrency`
 * requests at a time.
 */

export type Stage = 'tags' | 'organisations' | 'people' | 'learnings' | 'interactions';

export interface WriteOptions {
  /** Requests in flight for learnings and interactions. */
  concurrency?: number;
  onProgress?: (stage: Stage, done: number, total: number) => void;
}

export interface WriteResult {
  /** Tags and organisations created; ones already there are reused. */
  tags: number;
  organisations: number;
  people: number;
  learnings: number;
  interactions: number;
  /** Ids of the people created, in the network's order. */
  personIds: string[];
}

export async function writeNetwork(
  client: Client,
  network: DemoNetwork,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const progress = options.onProgress ?? (() => {});

  const existingTags = new Set((await client.listTags({})).items.map((t) => t.name.toLowerCase()));
  let tags = 0;
  for (const [i, tag] of network.tags.entries()) {
    if (!existingTags.has(tag.name.toLowerCase())) {
      await ignoreConflict(client.createTag({ body: tag }));
      tags++;
    }
    progress('tags', i + 1, network.tags.length);
  }

  // Names are unique in a workspace: a second demo (--force) joins the organisations already there.
  const existingOrgs = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await client.listOrganisations({ query: { limit: 500, cursor } });
    for (const o of page.items) existingOrgs.set(o.name.toLowerCase(), o.id);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const orgIds: string[] = [];
  let organisations = 0;
  for (const [i, org] of network.organisations.entries()) {
    let id = existingOrgs.get(org.name.toLowerCase());
    if (!id) {
      id = (await client.createOrganisation({ body: org })).id;
      organisations++;
    }
    orgIds.push(id);
    progress('organisations', i + 1, network.organisations.length);
  }

  const personIds: string[] = [];
  const createPerson = async (i: number) => {
    const p = network.people[i] as DemoPerson;
    const orgId = p.organisation === null ? null : (orgIds[p.organisation] ?? null);
    const { introducedBy, ...met } = p.howWeMet;
    const introducedById = introducedBy === null ? null : (personIds[introducedBy] ?? null);
    const created = await client.createPerson({
      body: {
        fullName: p.fullName,
        givenName: p.givenName,
        familyName: p.familyName,
        headline: p.headline,
        roleTitle: p.roleTitle,
        organisationId: orgId,
        location: p.location,
        timeZone: p.timeZone,
        circle: p.circle,
        cadenceDays: p.cadenceDays,
        notes: p.notes,
        emails: p.emails,
        phones: p.phones,
        links: p.links,
        tags: p.tags,
        topics: p.topics,
        purposes: p.purposes,
        howWeMet: { ...met, introducedById },
        importantDates: p.importantDates,
      },
    });
    personIds[i] = created.id;
    progress('people', personIds.filter(Boolean).length, network.people.length);
  };
  // Topics are created by name with the first person who has one, so those people go one at a
  // time; everyone else can go in parallel once whoever introduced them exists.
  const seenTopics = new Set<string>();
  const first: number[] = [];
  network.people.forEach((p, i) => {
    const fresh = p.topics.filter((t) => !seenTopics.has(t.toLowerCase()));
    if (fresh.length === 0) return;
    for (const t of fresh) seenTopics.add(t.toLowerCase());
    first.push(i);
  });
  const pending = new Set(network.people.map((_, i) => i));
  const waitsForIntroducer = (i: number) => {
    const by = network.people[i]?.howWeMet.introducedBy;
    return by !== null && by !== undefined && personIds[by] === undefined;
  };
  for (const i of concurrency === 1 ? [...pending] : first) {
    if (waitsForIntroducer(i)) continue;
    await createPerson(i);
    pending.delete(i);
  }
  while (pending.size > 0) {
    const ready = [...pending].filter((i) => !waitsForIntroducer(i));
    if (ready.length === 0) throw new Error('The demo network has a loop of introductions');
    await inBatches(ready, concurrency, createPerson, () => {});
    for (const i of ready) pending.delete(i);
  }

  const learnings = network.people.flatMap((p, i) => p.learnings.map((l) => ({ id: personIds[i] as string, l })));
  await inBatches(
    learnings,
    concurrency,
    ({ id, l }) => client.createLearning({ params: { id }, body: l }),
    (n) => progress('learnings', n, learnings.length),
  );

  await inBatches(
    network.interactions,
    concurrency,
    (x) =>
      client.createInteraction({
        body: {
          kind: x.kind,
          channel: x.channel,
          platform: x.platform,
          occurredAt: x.occurredAt,
          durationMinutes: x.durationMinutes,
          summary: x.summary,
          notes: x.notes,
          participantIds: x.participants.map((i) => personIds[i] as string),
        },
      }),
    (n) => progress('interactions', n, network.interactions.length),
  );

  return {
    tags,
    organisations,
    people: personIds.length,
    learnings: learnings.length,
    interactions: network.interactions.length,
    personIds: personIds.map((id) => id as string),
  };
}

/** Runs `fn` over items with at most `limit` in flight, in order of start. */
async function inBatches<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<unknown>,
  onDone: (done: number) => void,
): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
      onDone(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function ignoreConflict(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 409)) throw err;
  }
}
