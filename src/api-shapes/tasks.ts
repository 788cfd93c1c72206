import { z } from 'zod';
import { instant, recordKind } from './common.js';

export const taskStatus = z.enum(['open', 'done']);

/** A to-do, perhaps about a record: who made it, who does it, and by when. */
export const task = z.object({
  id: z.string(),
  title: z.string(),
  notes: z.string(),
  status: taskStatus,
  dueAt: instant.nullable(),
  /** Open and past its due time. */
  overdue: z.boolean(),
  ownerId: z.string().nullable(),
  ownerEmail: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeEmail: z.string().nullable(),
  record: z.object({ type: recordKind, id: z.string(), name: z.string().nullable() }).nullable(),
  /** The workflow rule that made it, if one did. */
  ruleId: z.string().nullable(),
  completedAt: instant.nullable(),
  createdAt: instant,
});
export type Task = z.input<typeof task>;

/** A task as its form sends it, to create one or to replace what is stored. */
export const taskInput = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(300),
  notes: z.string().trim().max(4000).default(''),
  dueAt: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })])
    .nullable()
    .default(null),
  /** Who does it; yourself when null. */
  assigneeId: z.guid().nullable().default(null),
  record: z.object({ type: recordKind, id: z.guid() }).nullable().default(null),
});
export type TaskInput = z.input<typeof taskInput>;

export const taskQuery = z.object({
  /** `mine`: assigned to me or made by me; `record`: on the record named by `recordType` and `recordId`. */
  scope: z.enum(['mine', 'record']).default('mine'),
  recordType: recordKind.optional(),
  recordId: z.guid().optional(),
  status: z.enum(['open', 'done', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type TaskQuery = z.output<typeof taskQuery>;
