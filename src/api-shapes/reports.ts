import { z } from 'zod';
import { instant, recordKind } from './common.js';
import { colleague } from './insight.js';
import { reportNames } from '../core/reports/report-filter.js';

const day = z.iso.date();

/** Filters every report takes. */
export const reportQuery = z.object({
  from: day.optional().describe('First day counted (UTC); default 90 days before `to`'),
  to: day.optional().describe('Last day counted (UTC), included; default today'),
  teamId: z.guid().optional().describe('Only mail of this team’s members'),
  ownerId: z.guid().optional().describe('Only this rep’s mail'),
  recordType: recordKind.optional(),
  recordId: z.guid().optional().describe('Only mail filed on this record (with recordType)'),
});

export const engagementQuery = reportQuery.extend({
  bucket: z.enum(['day', 'week']).default('week'),
});

export const auditTrailQuery = z.object({
  recordType: recordKind,
  recordId: z.guid(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** The reports, as named in `/api/reports/{name}` and its exports. */
export const reportName = z.enum(reportNames);

const kindCounts = {
  inbound: z.number(),
  outbound: z.number(),
  meeting: z.number(),
  total: z.number(),
};

export const engagementReport = z.object({
  bucket: z.enum(['day', 'week']),
  from: day,
  until: day.describe('The day after the last one counted'),
  series: z.array(z.object({ start: day, ...kindCounts })),
});
export type EngagementReport = z.input<typeof engagementReport>;

export const volumeReport = z.object({
  reps: z.array(z.object({ user: colleague, ...kindCounts })),
  teams: z.array(z.object({ team: z.object({ id: z.string(), name: z.string() }), ...kindCounts })),
});
export type VolumeReport = z.input<typeof volumeReport>;

const responseFigures = {
  side: z.enum(['ours', 'theirs']).describe('ours: a rep answering; theirs: a customer answering'),
  count: z.number(),
  medianMinutes: z.number().describe('Working minutes, in the rep’s working hours and time zone'),
  p90Minutes: z.number(),
};

export const responseTimesReport = z.object({
  overall: z.array(z.object(responseFigures)),
  reps: z.array(z.object({ user: colleague, ...responseFigures })),
});
export type ResponseTimesReport = z.input<typeof responseTimesReport>;

export const templatesReport = z.object({
  items: z.array(
    z.object({
      templateId: z.string(),
      name: z.string(),
      sent: z.number(),
      opened: z.number().describe('Opened by a person at least once'),
      clicked: z.number(),
      openRate: z.number(),
      clickRate: z.number(),
    }),
  ),
});
export type TemplatesReport = z.input<typeof templatesReport>;

export const auditTrailReport = z.object({
  items: z.array(
    z.object({
      at: instant,
      kind: z.enum(['message', 'meeting', 'link']),
      id: z.string(),
      threadId: z.string(),
      subject: z.string(),
      from: z.string().nullable(),
      detail: z.string().nullable().describe('For a link change: add or remove'),
    }),
  ),
  next: z.string().nullable(),
});
export type AuditTrailReport = z.input<typeof auditTrailReport>;
