import { z } from 'zod';
import {
  defaultStrengthWeights,
  type StrengthWeights,
} from '../../core/insight/connection-strength.js';

/** The setting (`settings.csv`, a JSON object) that overrides any of the score's weights. */
export const strengthSettingKey = 'connection_strength';

export const strengthWeightsOverride = z.strictObject({
  points: z
    .strictObject({
      reply_received: z.number().min(0),
      message_received: z.number().min(0),
      message_sent: z.number().min(0),
      meeting: z.number().min(0),
      human_open: z.number().min(0),
    })
    .partial()
    .optional(),
  halfLifeDays: z.number().positive().optional(),
  deepThreadMessages: z.number().int().min(1).optional(),
  deepThreadBonus: z.number().min(0).optional(),
  fastReplyMinutes: z.number().min(0).optional(),
  fastReplyBonus: z.number().min(0).optional(),
  saturation: z.number().positive().optional(),
});

/** What is wrong with an override, in one line; null when it is a valid one. */
export function strengthWeightsProblem(value: unknown): string | null {
  const parsed = strengthWeightsOverride.safeParse(value);
  if (parsed.success) return null;
  return parsed.error.issues
    .map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`)
    .join('; ');
}

/** The default weights with a valid stored override applied. */
export function strengthWeightsOf(stored: unknown): StrengthWeights {
  if (stored === undefined || stored === null) return defaultStrengthWeights;
  const { points, ...rest } = strengthWeightsOverride.parse(stored);
  const defined = Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined),
  );
  return {
    ...defaultStrengthWeights,
    ...defined,
    points: { ...defaultStrengthWeights.points, ...points },
  };
}
