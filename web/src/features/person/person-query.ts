import { api, keys, queryClient } from '../../lib/api';

/** The person page's main query: the person with their lists (GET /api/v1/people/:id). */
export function personQuery(id: string) {
  return { queryKey: keys.person(id), queryFn: () => api.getPerson({ params: { id } }) };
}

/** Asks for a person ahead of their page (a no-op while a fresh answer is cached or on its way). */
export function prefetchPerson(id: string): void {
  void queryClient.prefetchQuery(personQuery(id));
}
