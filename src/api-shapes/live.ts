import { z } from 'zod';
import { instant, itemsOf } from './common.js';

/** A re-filing run after a CRM change: how many of its messages have been decided again. */
export const refileRun = z.object({
  id: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  /** Messages the run decides again; null until it has started. */
  total: z.number().nullable(),
  done: z.number(),
  /** What changed, once done: messages, links added, removed, updated… */
  counts: z.record(z.string(), z.number()).nullable(),
  error: z.string().nullable(),
  createdAt: instant,
  finishedAt: instant.nullable(),
});
export type RefileRun = z.input<typeof refileRun>;

export const refileRuns = itemsOf(refileRun);
export type RefileRuns = z.input<typeof refileRuns>;

/** One notice of the live stream (`GET /api/events`, event `change`): ids only, never content. */
export const liveChangeShape = z.object({
  topic: z.enum(['mail', 'links', 'review', 'mailboxes', 'refiling', 'undo', 'tasks']),
  ids: z.array(z.string()),
});
export type LiveChangeShape = z.input<typeof liveChangeShape>;

/** A user's last bulk action, which they may still undo. */
export const undoableAction = z.object({
  id: z.string(),
  action: z.string(),
  /** What it did, in words: "File & Clear: 12 messages filed". */
  summary: z.string(),
  createdAt: instant,
  /** Until when it may be undone. */
  undoableUntil: instant,
});
export type UndoableAction = z.input<typeof undoableAction>;

export const lastAction = z.object({ action: undoableAction.nullable() });
export type LastAction = z.input<typeof lastAction>;
