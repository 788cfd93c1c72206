import type { ThreadContext } from './link.js';

export interface ThreadLinkRow {
  threadId: string;
  recordType: string;
  recordId: string;
  action: string | null;
  /** Who made a manual choice (their e-mail), when known. */
  by?: string | null;
}

/**
 * What each thread already carries: its deals and cases (they carry over to
 * replies) and the links users added or removed by hand.
 */
export function threadContexts(rows: readonly ThreadLinkRow[]): Map<string, MutableContext> {
  const contexts = new Map<string, MutableContext>();
  for (const row of rows) {
    const context = contextIn(contexts, row.threadId);
    const record = { type: row.recordType, recordId: row.recordId };
    if (row.action === 'add') context.manualAdded.push(record);
    else if (row.action === 'remove') context.manualRemoved.push({ ...record, by: row.by ?? null });
    else addCarriedLink(context, record);
  }
  return contexts;
}

/** A thread context the batch extends as it decides. */
export interface MutableContext extends ThreadContext {
  dealIds: string[];
  caseIds: string[];
  manualAdded: { type: string; recordId: string }[];
  manualRemoved: { type: string; recordId: string; by?: string | null }[];
}

/** Contexts a batch may extend as it decides, the originals left as they are. */
export function copyContexts(
  contexts: ReadonlyMap<string, ThreadContext>,
): Map<string, MutableContext> {
  return new Map(
    [...contexts].map(([threadId, context]) => [
      threadId,
      {
        dealIds: [...context.dealIds],
        caseIds: [...context.caseIds],
        manualAdded: [...context.manualAdded],
        manualRemoved: [...context.manualRemoved],
      },
    ]),
  );
}

export function contextIn(contexts: Map<string, MutableContext>, threadId: string) {
  let context = contexts.get(threadId);
  if (!context) {
    context = { dealIds: [], caseIds: [], manualAdded: [], manualRemoved: [] };
    contexts.set(threadId, context);
  }
  return context;
}

/** A deal or case linked to one message of a thread is the thread's for the next messages. */
export function addCarriedLink(context: MutableContext, link: { type: string; recordId: string }) {
  const list =
    link.type === 'deal' ? context.dealIds : link.type === 'case' ? context.caseIds : null;
  if (list && !list.includes(link.recordId)) list.push(link.recordId);
}

/** What another reading of the same thread holds, added once each. */
export function addContext(context: MutableContext, from: ThreadContext) {
  for (const recordId of from.dealIds) addCarriedLink(context, { type: 'deal', recordId });
  for (const recordId of from.caseIds) addCarriedLink(context, { type: 'case', recordId });
  addMissing(context.manualAdded, from.manualAdded);
  addMissing(context.manualRemoved, from.manualRemoved);
}

function addMissing<Choice extends { type: string; recordId: string }>(
  list: Choice[],
  records: readonly Choice[],
) {
  for (const record of records) {
    if (!list.some((r) => r.type === record.type && r.recordId === record.recordId)) {
      list.push(record);
    }
  }
}
