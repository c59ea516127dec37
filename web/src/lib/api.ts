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
  loading ??= import('../../../src/contract/client.js').then((m) => {
    const transport = m.fetchTransport('');
    return m.createClient(async (req) => {
      // The session cookie is HttpOnly; its CSRF partner is readable and goes back as a header.
      const csrf = readCookie('tend_csrf');
      const headers = csrf && req.method !== 'GET' ? { ...req.headers, 'x-csrf-token': csrf } : req.headers;
      const res = await transport({ ...req, headers });
      if (res.status === 401 && !req.url.startsWith('/api/v1/auth/')) {
        // The session ended (expired, revoked elsewhere): let the auth gate send us to sign-in.
        window.dispatchEvent(new Event('tend:signed-out'));
      }
      return res;
    });
  });
  return loading;
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
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
  auth: ['auth', 'status'] as const,
  sessions: ['account', 'sessions'] as const,
  tokens: ['account', 'tokens'] as const,
  audit: ['account', 'audit'] as const,
  workspaces: ['workspaces'] as const,
  members: (id: string) => ['workspaces', id, 'members'] as const,
  invitations: (id: string) => ['workspaces', id, 'invitations'] as const,
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
