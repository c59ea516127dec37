import type { z } from 'zod';
import { PersonCreate, PersonUpdate } from '../contract/people.js';
import { parseVcards, personToVcard, type Vcard, vcardToPerson, writeVcard } from '../formats/vcard.js';
import { AppError } from '../lib/errors.js';
import type { Actor, ServiceDeps } from './context.js';
import { nowIso } from './context.js';
import type { PeopleService } from './people.service.js';

/*
 * The data side of the CardDAV address book (src/http/routes/carddav.ts speaks
 * the protocol). The address book is the workspace's people. A card lives at
 * "<person id>.vcf" unless a client created it under a name of its own
 * (carddav_resources). Its strong ETag is the person's version and update
 * time; the sync token is the latest update time of any person, trash
 * included, so a trashed person is reported as deleted (RFC 6578).
 */

export interface CardRef {
  personId: string;
  name: string;
  etag: string;
  deleted: boolean;
}

export class CardError extends AppError {}

const UUID_VCF = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.vcf$/;
const TOKEN_PREFIX = 'urn:tend:carddav:sync:';

function compactTime(iso: string): string {
  return iso.replace(/[-:.TZ]/g, '');
}

export function etagOf(version: number, updatedAt: string): string {
  return `"${version}-${compactTime(updatedAt)}"`;
}

export function carddavService({ db, clock }: ServiceDeps, people: PeopleService) {
  const k = db.kysely;

  function refs(actor: Actor) {
    return k
      .selectFrom('people as p')
      .leftJoin('carddavResources as r', (j) =>
        j.onRef('r.workspaceId', '=', 'p.workspaceId').onRef('r.personId', '=', 'p.id'),
      )
      .select(['p.id', 'p.version', 'p.updatedAt', 'p.deletedAt', 'r.name'])
      .where('p.workspaceId', '=', actor.workspaceId);
  }

  type RefRow = { id: string; version: number; updatedAt: string; deletedAt: string | null; name: string | null };
  const toRef = (r: RefRow): CardRef => ({
    personId: r.id,
    name: r.name ?? `${r.id}.vcf`,
    etag: etagOf(r.version, r.updatedAt),
    deleted: r.deletedAt !== null,
  });

  async function syncToken(actor: Actor): Promise<string> {
    const row = await k
      .selectFrom('people')
      .select((eb) => eb.fn.max('updatedAt').as('latest'))
      .where('workspaceId', '=', actor.workspaceId)
      .executeTakeFirst();
    const latest = row?.latest ? Date.parse(String(row.latest)) : 0;
    return `${TOKEN_PREFIX}${latest}`;
  }

  /** The card stored under a name, live or in the trash; undefined if none. */
  async function find(actor: Actor, name: string): Promise<CardRef | undefined> {
    const mapped = await refs(actor).where('r.name', '=', name).executeTakeFirst();
    if (mapped) return toRef(mapped);
    const m = UUID_VCF.exec(name);
    if (!m?.[1]) return undefined;
    const row = await refs(actor).where('p.id', '=', m[1]).executeTakeFirst();
    // A person a client renamed is only reachable under the client's name.
    if (!row || row.name !== null) return undefined;
    return toRef(row);
  }

  function render(card: Vcard): string {
    return writeVcard(card, { version: '3.0', prodId: '-//Tend//CardDAV//EN' });
  }

  function parseCard(text: string): Vcard {
    const parsed = parseVcards(text);
    const first = parsed.cards[0];
    if (parsed.cards.length !== 1 || !first) {
      throw new CardError(
        'bad_request',
        'invalid_vcard',
        'The body is not one vCard',
        parsed.errors[0]?.message ?? 'Send exactly one BEGIN:VCARD … END:VCARD.',
      );
    }
    return first;
  }

  /** Only what the card carries: a property the card lacks keeps Tend's value. */
  function updateFrom(card: Vcard, mapped: Extract<ReturnType<typeof vcardToPerson>, { ok: true }>['person']) {
    const has = (name: string) => card.extras.some((e) => e.name === name);
    const u: Record<string, unknown> = {};
    if (card.fn || card.name) {
      u.fullName = mapped.fullName;
      if (card.name) {
        u.givenName = mapped.givenName;
        u.familyName = mapped.familyName;
      }
    }
    if (card.nicknames.length > 0) u.nickname = mapped.nickname;
    if (card.title !== null || card.role !== null) u.roleTitle = mapped.roleTitle;
    if (card.org) u.organisationName = mapped.organisationName;
    if (card.addresses.length > 0) u.location = mapped.location;
    if (card.timeZone && mapped.timeZone) u.timeZone = mapped.timeZone;
    if (card.photo?.uri && mapped.photoUrl) u.photoUrl = mapped.photoUrl;
    if (card.note !== null) u.notes = mapped.notes ?? '';
    if (card.emails.length > 0) u.emails = mapped.emails;
    if (card.phones.length > 0) u.phones = mapped.phones;
    if (card.urls.length > 0 || has('X-SOCIALPROFILE')) u.links = mapped.links;
    if (card.categories.length > 0) u.tags = mapped.tags;
    if (has('X-TEND-TOPICS')) u.topics = mapped.topics;
    if (has('X-TEND-HEADLINE')) u.headline = mapped.headline;
    if (mapped.circle !== undefined) u.circle = mapped.circle;
    if (mapped.cadenceDays !== undefined) u.cadenceDays = mapped.cadenceDays;
    if (card.birthday || card.anniversary || card.dates.length > 0) u.importantDates = mapped.importantDates;
    return u;
  }

  function validated(input: Record<string, unknown>): z.output<typeof PersonUpdate> {
    const ok = PersonUpdate.safeParse(input);
    if (!ok.success) {
      throw new CardError(
        'bad_request',
        'invalid_vcard',
        'The card has values Tend cannot store',
        ok.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    return ok.data;
  }

  return {
    syncToken,
    find,
    TOKEN_PREFIX,

    /** Every live card (an address book listing). */
    async list(actor: Actor): Promise<CardRef[]> {
      const rows = await refs(actor).where('p.deletedAt', 'is', null).orderBy('p.id').execute();
      return rows.map(toRef);
    },

    /**
     * Cards changed since a token of ours, deleted ones included; undefined
     * when the token is not one we gave (the client then syncs afresh).
     */
    async changesSince(actor: Actor, token: string): Promise<CardRef[] | undefined> {
      if (!token.startsWith(TOKEN_PREFIX)) return undefined;
      const ms = Number(token.slice(TOKEN_PREFIX.length));
      if (!Number.isSafeInteger(ms) || ms < 0 || ms > 8.64e15) return undefined;
      // >= rather than >: a change in the same millisecond as the token is reported again, never lost.
      const rows = await refs(actor)
        .where('p.updatedAt', '>=', new Date(ms).toISOString())
        .orderBy('p.updatedAt')
        .execute();
      return rows.map(toRef);
    },

    async card(actor: Actor, personId: string): Promise<{ body: string; etag: string }> {
      const person = await people.get(actor, personId);
      return { body: render(personToVcard(person)), etag: etagOf(person.version, person.updatedAt) };
    },

    /** Creates or updates the card under `name`; returns whether it was created. */
    async put(actor: Actor, name: string, text: string, existing: CardRef | undefined): Promise<{ created: boolean }> {
      const card = parseCard(text);
      const mapped = vcardToPerson(card);
      if (!mapped.ok) throw new CardError('bad_request', 'invalid_vcard', 'The card cannot be a person', mapped.error);
      if (existing && !existing.deleted) {
        const version = Number(existing.etag.slice(1).split('-')[0]);
        await people.update(actor, existing.personId, validated(updateFrom(card, mapped.person)), version);
        return { created: false };
      }
      const input = PersonCreate.safeParse(mapped.person);
      if (!input.success) {
        throw new CardError(
          'bad_request',
          'invalid_vcard',
          'The card has values Tend cannot store',
          input.error.message,
        );
      }
      const person = await people.create(actor, input.data);
      const now = nowIso(clock);
      await k
        .deleteFrom('carddavResources')
        .where('workspaceId', '=', actor.workspaceId)
        .where('name', '=', name)
        .execute();
      if (name !== `${person.id}.vcf`) {
        await k
          .insertInto('carddavResources')
          .values({ workspaceId: actor.workspaceId, personId: person.id, name, createdAt: now })
          .execute();
      }
      return { created: true };
    },

    /** Moves the person to the trash. */
    async remove(actor: Actor, ref: CardRef): Promise<void> {
      await people.remove(actor, ref.personId);
    },
  };
}

export type CarddavService = ReturnType<typeof carddavService>;
