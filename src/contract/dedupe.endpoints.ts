import { IdParams } from './common.js';
import {
  DismissDuplicate,
  DuplicatesList,
  DuplicatesQuery,
  MergeRecord,
  MergeRequest,
  MergeResult,
  MergesList,
  MergesQuery,
} from './dedupe.js';
import { endpoint, type Endpoint } from './endpoint.js';

/** Likely duplicates, merging two people into one, and undoing a merge. */
export const dedupeEndpoints = {
  listDuplicates: endpoint({
    method: 'GET',
    path: '/api/v1/duplicates',
    summary: 'Likely duplicate people, best first, with the score and the reasons',
    tag: 'duplicates',
    query: DuplicatesQuery,
    status: 200,
    response: DuplicatesList,
  }),
  dismissDuplicate: endpoint({
    method: 'POST',
    path: '/api/v1/duplicates/dismiss',
    summary: 'Say two people are not the same: the pair is not suggested again',
    tag: 'duplicates',
    body: DismissDuplicate,
    status: 204,
  }),
  mergePeople: endpoint({
    method: 'POST',
    path: '/api/v1/merges',
    summary: 'Merge one person into another, keeping every value and moving everything they had',
    tag: 'duplicates',
    body: MergeRequest,
    status: 200,
    response: MergeResult,
  }),
  listMerges: endpoint({
    method: 'GET',
    path: '/api/v1/merges',
    summary: 'Recent merges, newest first',
    tag: 'duplicates',
    query: MergesQuery,
    status: 200,
    response: MergesList,
  }),
  undoMerge: endpoint({
    method: 'POST',
    path: '/api/v1/merges/:id/undo',
    summary: 'Undo a merge: the merged person comes back with what was moved',
    tag: 'duplicates',
    params: IdParams,
    status: 200,
    response: MergeRecord,
  }),
} as const satisfies Record<string, Endpoint>;
