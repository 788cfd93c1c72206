import { z } from 'zod';
import { instant, recordKind } from './common.js';
import { colleague } from './review.js';

export const sharingMode = z.enum(['private', 'public', 'custom']);
export type SharingMode = z.input<typeof sharingMode>;

export const recordShare = z.object({
  recordType: recordKind,
  recordId: z.string(),
  userId: z.string(),
});

export const sharingSettings = z.object({
  mode: sharingMode,
  excludedDomains: z.array(z.string()),
  /** An admin set mode and excluded domains; the user may still choose whom they share with. */
  imposedByAdmin: z.boolean(),
  sharedWith: z.array(colleague),
  recordShares: z.array(recordShare),
});
export type SharingSettings = z.input<typeof sharingSettings>;

export const auditEntry = z.object({
  id: z.number(),
  actorId: z.string().nullable(),
  actorEmail: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  details: z.record(z.string(), z.unknown()),
  at: instant,
});
export type AuditEntry = z.input<typeof auditEntry>;

/** Page on with `before` = `next`. */
export const auditPage = z.object({ items: z.array(auditEntry), next: z.number().nullable() });
