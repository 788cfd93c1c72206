/** What the noise classifier alone concludes about a message, before any CRM lookup. */
export const noiseCategories = [
  'human',
  'meeting',
  'list',
  'newsletter',
  'noreply_notification',
  'auto_reply',
  'bounce',
  'calendar_reply',
] as const;

export type NoiseCategory = (typeof noiseCategories)[number];

export interface NoiseVerdict {
  readonly category: NoiseCategory;
  /** The signals seen, e.g. `header Auto-Submitted: auto-replied`; empty for plain human mail. */
  readonly reasons: readonly string[];
  /** For bounces: the recipients the report says failed (normalised). Empty otherwise. */
  readonly failedRecipients: readonly string[];
  /** For bounces: the delivery status the report gives (`5.1.1`, or an SMTP code `550`), when it gives one. */
  readonly deliveryStatus?: string;
  /** For list posts: the list's own address (normalised), when the message names it. */
  readonly listAddress?: string;
}

/** Only these categories may ever be captured; a `list` post only through its author or its list. */
export function isCapturable(category: NoiseCategory): boolean {
  return category === 'human' || category === 'meeting' || category === 'list';
}
