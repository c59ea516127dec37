import { QueryClient } from '@tanstack/react-query';
import type { ApiError, Client } from '../../../src/contract/client.js';
import type { PeopleListQuery } from '../../../src/contract/people.js';

export type { ApiError };

/*
 * The typed client is built from the contract's endpoint catalogue, which carries every zod
 * schema. Loading it on first use keeps zod out of the initial bundle: the app frame paints
 * while the client arrives alongside the first page's code.
 */
let loading: Promise<Client> | null = null;
export function loadClient(): Promise<Client> {
  loading ??= import('../../../src/contract/client.js').then((m) => m.createClient(m.fetchTransport('')));
  return loading;
}

/** The one typed client the web app talks through: same origin, cookies included. */
export const api = new Proxy({} as Client, {
  get(_target, name) {
    return (args: unknown) =>
      loadClient().then((client) => (client[name as keyof Client] as (a: unknown) => Promise<unknown>)(args ?? {}));
  },
});

/** `instanceof` without importing the class (and so the contract) eagerly. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof Error && error.name === 'ApiError' && 'problem' in error && 'status' in error;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: true,
      retry: (failures, error) => {
        // A 4xx will not get better by asking again.
        if (isApiError(error) && error.status < 500) return false;
        return failures < 2;
      },
    },
  },
});

/** Query keys in one place so mutations invalidate exactly what they change. */
export const keys = {
  people: ['people'] as const,
  peopleList: (q: Omit<PeopleListQuery, 'cursor'>) => ['people', 'list', q] as const,
  person: (id: string) => ['people', 'one', id] as const,
  personTimeline: (id: string) => ['people', 'timeline', id] as const,
  interactions: ['interactions'] as const,
  recentInteractions: (limit: number) => ['interactions', 'recent', limit] as const,
  tags: ['tags'] as const,
  topics: ['topics'] as const,
  organisations: (q: string) => ['organisations', q] as const,
};
