import type { RecordKind } from '../records/record-kinds.js';

/** A message's link to a CRM record, with why and how sure. */
export interface Link {
  readonly type: RecordKind;
  readonly recordId: string;
  readonly reason: string;
  /** 1 for an exact match, lower for an inference. */
  readonly confidence: number;
  readonly source: 'auto' | 'rule' | 'manual';
  /** Several records fitted equally; `alternatives` lists the others for the user to confirm. */
  readonly ambiguous?: boolean;
  readonly alternatives?: readonly string[];
}

/** What is already known about the message's thread. */
export interface ThreadContext {
  readonly dealIds: readonly string[];
  readonly caseIds: readonly string[];
  /** Links a user added by hand: they stick for the rest of the thread. */
  readonly manualAdded: readonly { type: string; recordId: string }[];
  /** Links a user removed by hand (`by`: their e-mail, if known): never linked again on this thread. */
  readonly manualRemoved: readonly { type: string; recordId: string; by?: string | null }[];
}

export const emptyThreadContext: ThreadContext = {
  dealIds: [],
  caseIds: [],
  manualAdded: [],
  manualRemoved: [],
};

export function autoLink(type: RecordKind, recordId: string, reason: string, confidence: number) {
  return { type, recordId, reason, confidence, source: 'auto' } satisfies Link;
}
