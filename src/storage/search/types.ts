import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from '../schema.js';
import type { DocKind, IndexBatch } from './docs.js';

export type Q = Kysely<Database>;

export interface FtsQuery {
  workspaceId: string;
  /** Folded words (letters and digits only), each matched as a prefix; all must match. */
  tokens: string[];
  kinds: readonly DocKind[];
  /** An extra condition on `d` (search_docs), built from portable Kysely queries. */
  filter: RawBuilder<boolean> | null;
  limit: number;
}

export interface DocRow {
  kind: string;
  refId: string;
  personId: string | null;
  title: string;
  subtitle: string;
  body: string;
  at: string | null;
}

/** The dialect-specific half of search: the full-text index. */
export interface SearchBackend {
  /** Removes the docs named in `batch.clear` and writes `batch.docs`, in the caller's transaction. */
  writeDocs(k: Q, workspaceId: string, batch: IndexBatch): Promise<void>;
  clearWorkspace(k: Q, workspaceId: string): Promise<void>;
  /** Docs matching every token, newest first: a bounded candidate set the service ranks. */
  match(k: Q, q: FtsQuery): Promise<DocRow[]>;
}
