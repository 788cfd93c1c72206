/** What the noise classifier alone concludes about a message, before any CRM lookup. */
export const noiseCategories = [
  'human',
  'meeting',
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
}

/** Only these categories may ever be captured. */
export function isCapturable(category: NoiseCategory): boolean {
  return category === 'human' || category === 'meeting';
}
