import { z } from 'zod';

export const trackingSetting = z.object({
  /** Whether senders may ask for open and click tracking at all. */
  allowed: z.boolean(),
});

/** People's opens and clicks; machines' and the sender's are stored but not counted. */
export const trackingCounts = z.object({ opens: z.number().int(), clicks: z.number().int() });

export const threadTracking = trackingCounts.extend({ threadId: z.string() });

export const trackingEvent = z.object({
  kind: z.enum(['open', 'click']),
  /** Where a click went. */
  target: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
  verdict: z.enum(['human', 'machine', 'sender']),
  reason: z.string(),
});

export const messageTracking = trackingCounts.extend({ events: z.array(trackingEvent) });

export const bestTime = z.object({
  timeZone: z.string(),
  basedOn: z.number().int(),
  best: z.array(
    z.object({
      weekday: z.number().int().min(0).max(6),
      hour: z.number().int().min(0).max(23),
      count: z.number().int(),
    }),
  ),
});
