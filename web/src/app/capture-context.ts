import { createContext, useContext } from 'react';
import type { InteractionKind } from '../../../src/contract/common.js';
import type { ExchangeKind } from '../../../src/contract/exchange.js';

export interface PersonRef {
  id: string;
  fullName: string;
  photoUrl: string | null;
}

/** What the log form held when it was closed, so a failed save can bring it back intact. */
export interface InteractionDraft {
  kind?: InteractionKind;
  summary?: string;
  notes?: string;
  occurredAt?: string;
  channel?: 'in_person' | 'online';
  platform?: string;
  participants?: PersonRef[];
  exchange?: 'none' | 'give' | 'ask';
  exchangeKind?: ExchangeKind;
  /** From a failed save: a message for the whole form, and messages for single fields. */
  error?: string;
  fieldErrors?: Record<string, string>;
}

export interface Capture {
  addPerson: () => void;
  logInteraction: (draft?: InteractionDraft) => void;
  openSheet: () => void;
  showShortcuts: () => void;
}

export const CaptureContext = createContext<Capture | null>(null);

export function useCapture(): Capture {
  const c = useContext(CaptureContext);
  if (!c) throw new Error('useCapture outside CaptureProvider');
  return c;
}
