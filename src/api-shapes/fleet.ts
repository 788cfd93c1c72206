import { z } from 'zod';
import { instant } from './common.js';

export const fleetWorker = z.object({
  name: z.string(),
  host: z.string(),
  pid: z.number().int(),
  alive: z.boolean(),
  startedAt: instant,
  heartbeatAgeSeconds: z.number().int(),
  held: z.number().int(),
  connections: z.number().int(),
  rssMb: z.number().int(),
  queueDepth: z.number().int(),
  maxMailboxes: z.number().int(),
  maxRssMb: z.number().int(),
  /** The worst lag over the mailboxes it holds; null while one has never synced. */
  lagSeconds: z.number().int().nullable(),
  stored: z.number().int(),
  errors: z.record(z.string(), z.number().int()),
});

export const fleetMailbox = z.object({
  id: z.string(),
  label: z.string(),
  ownerEmail: z.string(),
  state: z.string(),
  /** The worker holding it; null when none does. */
  holder: z.string().nullable(),
  lagSeconds: z.number().int().nullable(),
  /** The code of its last sync failure while it is failing (e.g. AUTH_FAILED); null when healthy. */
  errorCode: z.string().nullable(),
});

export const fleet = z.object({
  /** Whether the web server syncs every mailbox itself (THREADLINE_SYNC_IN_SERVER=on). */
  syncInServer: z.boolean(),
  workers: z.array(fleetWorker),
  mailboxes: z.array(fleetMailbox),
});
export type Fleet = z.input<typeof fleet>;
