import type { Circle } from '../../../../src/contract/common.js';
import { PEOPLE_SORTS } from '../../../../src/contract/enums.js';
import type { PeopleSort } from '../../../../src/contract/people.js';
import { queryClient } from '../../lib/api';
import { CIRCLES } from '../../lib/labels';
import { firstPageQuery, type PeopleFilters } from './use-people-rows';

/*
 * What the people page's address asks for, and its first page: small enough for the entry bundle,
 * so a cold load asks for the rows before the page's code has arrived (app/pages.ts).
 */

/** What the address asks the list for: search, circle, tag, trash and sort. */
export function readParams(params: URLSearchParams) {
  const trash = params.get('view') === 'trash';
  const q = (params.get('q') ?? '').trim();
  const circle = (CIRCLES as string[]).includes(params.get('circle') ?? '') ? (params.get('circle') as Circle) : null;
  const tag = params.get('tag');
  const asked = params.get('sort') as PeopleSort | null;
  const sort: PeopleSort = asked && PEOPLE_SORTS.includes(asked) ? asked : trash ? '-updated' : 'name';
  return { trash, q, circle, tag, sort };
}

export function toFilters({ trash, q, circle, tag, sort }: ReturnType<typeof readParams>): PeopleFilters {
  return {
    ...(q ? { q } : {}),
    ...(circle ? { circle } : {}),
    ...(tag ? { tag } : {}),
    ...(trash ? { deleted: 'only' as const } : {}),
    sort,
  };
}

/** Asks for the first page of the list an address shows. */
export function prefetchPeople(search: string): void {
  void queryClient.prefetchQuery(firstPageQuery(toFilters(readParams(new URLSearchParams(search)))));
}
