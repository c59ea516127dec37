import type { InfiniteData } from '@tanstack/react-query';
import type { InteractionCreate } from '../../../../src/contract/interactions.js';
import type { PersonRef } from '../../app/capture-context';
import { api, keys, queryClient } from '../../lib/api';
import type { InteractionItem, InteractionPage, PersonDetail } from '../../lib/types';

/**
 * Logs an interaction optimistically: every participant's timeline, the recent list on
 * Today and each person's "last contact" change at once; the server's answer replaces the
 * stand-in, and a failure rolls everything back so the caller can reopen the form.
 */
export async function saveInteraction(body: InteractionCreate, participants: PersonRef[]): Promise<InteractionItem> {
  const now = new Date().toISOString();
  const tempId = `00000000-0000-7000-8000-${Date.now().toString(16).padStart(12, '0').slice(-12)}`;
  const optimistic: InteractionItem = {
    id: tempId,
    version: 1,
    kind: body.kind,
    channel: body.channel ?? 'online',
    platform: body.platform ?? null,
    occurredAt: body.occurredAt ?? now,
    durationMinutes: body.durationMinutes ?? null,
    summary: body.summary,
    notes: body.notes ?? '',
    exchange: body.exchange ?? null,
    exchangeKind: body.exchange ? (body.exchangeKind ?? 'other') : null,
    participants: participants.map((p) => ({ id: p.id, fullName: p.fullName, photoUrl: p.photoUrl })),
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };

  const touched = participants.flatMap((p) => [keys.personTimeline(p.id), keys.person(p.id)]);
  await Promise.all(touched.map((k) => queryClient.cancelQueries({ queryKey: k })));
  const snapshots = touched.map((k) => [k, queryClient.getQueryData(k)] as const);
  const recentSnapshots = queryClient.getQueriesData<InteractionPage>({ queryKey: ['interactions', 'recent'] });

  for (const p of participants) {
    queryClient.setQueryData<InfiniteData<InteractionPage>>(keys.personTimeline(p.id), (data) =>
      data ? prependToInfinite(data, optimistic) : data,
    );
    queryClient.setQueryData<PersonDetail>(keys.person(p.id), (person) =>
      person
        ? {
            ...person,
            interactionCount: person.interactionCount + 1,
            lastInteractionAt: latest(person.lastInteractionAt, optimistic.occurredAt),
          }
        : person,
    );
  }
  queryClient.setQueriesData<InteractionPage>({ queryKey: ['interactions', 'recent'] }, (page) =>
    page ? { ...page, items: sortNewestFirst([optimistic, ...page.items]).slice(0, page.items.length + 1) } : page,
  );

  try {
    return await api.createInteraction({ body });
  } catch (error) {
    for (const [k, v] of snapshots) queryClient.setQueryData(k, v);
    for (const [k, v] of recentSnapshots) queryClient.setQueryData(k, v);
    throw error;
  } finally {
    void queryClient.invalidateQueries({ queryKey: keys.interactions });
    void queryClient.invalidateQueries({ queryKey: keys.people });
    // Due dates, follow-ups and the weekly goal follow every logged interaction.
    void queryClient.invalidateQueries({ queryKey: ['today'] });
    void queryClient.invalidateQueries({ queryKey: ['follow-ups'] });
  }
}

function prependToInfinite(data: InfiniteData<InteractionPage>, item: InteractionItem): InfiniteData<InteractionPage> {
  const [first, ...rest] = data.pages;
  if (!first) return data;
  return {
    ...data,
    pages: [{ ...first, items: sortNewestFirst([item, ...first.items]) }, ...rest],
  };
}

function sortNewestFirst(items: InteractionItem[]): InteractionItem[] {
  return [...items].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
}

function latest(a: string | null, b: string): string {
  return a && Date.parse(a) > Date.parse(b) ? a : b;
}
