import type { api } from './api';

/** Response shapes, straight from the typed client so they can never drift from the contract. */
export type PeoplePage = Awaited<ReturnType<typeof api.listPeople>>;
export type InteractionPage = Awaited<ReturnType<typeof api.listInteractions>>;
export type PersonDetail = Awaited<ReturnType<typeof api.getPerson>>;
export type InteractionItem = InteractionPage['items'][number];
export type PersonRow = PeoplePage['items'][number];
export type SearchHit = Awaited<ReturnType<typeof api.search>>['items'][number];
