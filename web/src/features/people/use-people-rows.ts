import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { PeopleListQuery } from '../../../../src/contract/people.js';
import { api, keys } from '../../lib/api';
import type { PersonRow } from '../../lib/types';

export type PeopleFilters = Omit<PeopleListQuery, 'cursor' | 'limit'>;

const FIRST_PAGE = 100;
const MAX_PAGE = 500;

interface Store {
  key: string;
  /** The filters the stored cursor belongs to: a cursor is only valid with its own query. */
  filters: PeopleFilters;
  gen: number;
  rows: (PersonRow | undefined)[];
  /** Rows [0, fresh) come from the current generation; later ones may be stale until refetched. */
  fresh: number;
  cursor: string | null;
  total: number | undefined;
  loading: boolean;
  wanted: number;
  error: unknown;
}

/** The first page of a list: one query, shared by the page and the prefetch at start-up. */
export function firstPageQuery(filters: PeopleFilters) {
  return {
    queryKey: keys.peopleList(filters),
    queryFn: () => api.listPeople({ query: { ...filters, limit: FIRST_PAGE } }),
  };
}

/**
 * Rows of a people list for a virtualised table of any length. The first page is a normal
 * query (so mutations that invalidate people refresh it); later pages are fetched by cursor,
 * in order, only as far as the reader scrolls. On a refresh the rows already on screen stay
 * until their fresh copies arrive, so nothing flickers.
 */
export function usePeopleRows(filters: PeopleFilters) {
  const key = JSON.stringify(filters);
  const first = useQuery({ ...firstPageQuery(filters), placeholderData: keepPreviousData });

  const store = useRef<Store>({
    key: '',
    filters: {},
    gen: 0,
    rows: [],
    fresh: 0,
    cursor: null,
    total: undefined,
    loading: false,
    wanted: 0,
    error: null,
  });
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  const pump = useCallback(async () => {
    const s = store.current;
    if (s.loading) return;
    const gen = s.gen;
    s.loading = true;
    try {
      while (gen === s.gen && s.cursor && s.fresh <= s.wanted) {
        const limit = Math.min(MAX_PAGE, Math.max(FIRST_PAGE, s.wanted - s.fresh + 60));
        const page = await api.listPeople({ query: { ...s.filters, limit, cursor: s.cursor } });
        if (gen !== s.gen) return;
        page.items.forEach((row, i) => {
          s.rows[s.fresh + i] = row;
        });
        s.fresh += page.items.length;
        s.cursor = page.nextCursor;
        if (!s.cursor) s.rows.length = s.fresh;
        s.error = null;
        rerender();
      }
    } catch (error) {
      if (gen === s.gen) {
        s.error = error;
        rerender();
      }
    } finally {
      if (gen === s.gen) s.loading = false;
    }
  }, []);

  useEffect(() => {
    const data = first.data;
    if (!data || first.isPlaceholderData) return;
    const s = store.current;
    const tail = s.key === key ? s.rows.slice(data.items.length) : [];
    s.gen += 1;
    s.key = key;
    s.filters = JSON.parse(key) as PeopleFilters;
    s.rows = [...data.items, ...tail];
    s.fresh = data.items.length;
    s.cursor = data.nextCursor;
    if (!s.cursor) s.rows.length = s.fresh;
    s.total = data.total;
    s.loading = false;
    s.error = null;
    rerender();
    void pump();
  }, [first.data, first.isPlaceholderData, key, pump]);

  /** Ask for rows up to `index` (the last one the virtualiser is about to show). */
  const ensure = useCallback(
    (index: number) => {
      const s = store.current;
      const wasFar = s.wanted - s.fresh > 300;
      s.wanted = index;
      if (wasFar !== s.wanted - s.fresh > 300) rerender();
      if (s.cursor && s.fresh <= index) void pump();
    },
    [pump],
  );

  const s = store.current;
  const settled = s.key === key || !first.isPlaceholderData;
  const placeholderRows = first.data?.items ?? [];
  const rows = s.key === key ? s.rows : placeholderRows;
  const count = s.key === key ? (s.cursor ? Math.max(s.total ?? 0, s.fresh + 1) : s.fresh) : placeholderRows.length;

  return {
    rows,
    count,
    total: s.key === key ? (s.cursor ? s.total : s.fresh) : first.data?.total,
    ensure,
    /** Set while walking cursors towards a far scroll position (say, the middle of 100,000). */
    catchingUp: s.key === key && s.cursor && s.wanted - s.fresh > 300 ? { loaded: s.fresh, wanted: s.wanted } : null,
    isPending: first.isPending,
    isRefreshing: first.isFetching && !first.isPending,
    isStale: !settled || first.isPlaceholderData,
    error: first.error ?? s.error,
    retry: () => {
      void first.refetch();
      void pump();
    },
  };
}
