import { QueryClient } from '@tanstack/react-query';
import { type ApiError, createClientFrom, fetchTransport } from '../../../src/contract/client-core.js';
import type { Client } from '../../../src/contract/client.js';
import type { PeopleListQuery } from '../../../src/contract/people.js';
import { routes } from '../../../src/contract/routes.gen.js';

export type { ApiError };

/*
 * The typed client, built from the generated route table (src/contract/routes.gen.ts): each
 * endpoint's method, path and body kind. The catalogue itself carries every zod schema; the
 * client does not need them, so zod stays out of the app's first load and the first requests
 * (the sign-in check, the page's data) leave as soon as the entry script runs. The types still
 * come from the catalogue (client.ts's `Client`, erased at build).
 */
const transport = fetchTransport('');
function createApi(): Client {
  return createClientFrom(routes, async (req) => {
    // The session cookie is HttpOnly; its CSRF partner is readable and goes back as a header.
    const csrf = readCookie('tend_csrf');
    const headers = csrf && req.method !== 'GET' ? { ...req.headers, 'x-csrf-token': csrf } : req.headers;
    const res = await transport({ ...req, headers });
    if (res.status === 401 && !req.url.startsWith('/api/v1/auth/')) {
      // The session ended (expired, revoked elsewhere): let the auth gate send us to sign-in.
      window.dispatchEvent(new Event('tend:signed-out'));
    }
    return res;
  }) as unknown as Client;
}

/** A cookie the page can read (the CSRF partner of the session; the session cookie itself is HttpOnly). */
export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** The one typed client the web app talks through: same origin, cookies included. */
export const api: Client = createApi();

/** By shape and name rather than `instanceof`, so an error thrown by another copy of the class counts too. */
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
