import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, keys, queryClient } from '../../lib/api';

const authStatusQuery = { queryKey: keys.auth, queryFn: () => api.authStatus({}), staleTime: 60_000 };

export function useAuthStatus() {
  return useQuery(authStatusQuery);
}

/**
 * Asks who is signed in before React first renders, so the answer and the page's code load
 * together. Resolves to whether someone is signed in (false on any failure).
 */
export function prefetchAuthStatus(): Promise<boolean> {
  return queryClient.fetchQuery(authStatusQuery).then(
    (status) => Boolean(status.user),
    () => false,
  );
}

/** The signed-in user; only used below the auth gate, where there is one. */
export function useMe() {
  const { data } = useAuthStatus();
  return data?.user ?? null;
}

/** Re-checks who is signed in when any request is refused with 401. */
export function useSignedOutListener() {
  useEffect(() => {
    const onSignedOut = () => queryClient.invalidateQueries({ queryKey: keys.auth });
    window.addEventListener('tend:signed-out', onSignedOut);
    return () => window.removeEventListener('tend:signed-out', onSignedOut);
  }, []);
}

/** After signing in or out, nothing cached for the previous user may show. */
export async function resetAfterAuthChange() {
  queryClient.clear();
  await queryClient.invalidateQueries({ queryKey: keys.auth });
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}
