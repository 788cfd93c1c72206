import type { Interaction, InteractionKind } from './interactions.js';

/** The settings of the score: what each interaction is worth and how fast it fades. */
export interface StrengthWeights {
  readonly points: Readonly<Record<InteractionKind, number>>;
  /** After this many days an interaction counts half. */
  readonly halfLifeDays: number;
  /** A message in a thread at least this deep counts `deepThreadBonus` more. */
  readonly deepThreadMessages: number;
  readonly deepThreadBonus: number;
  /** A reply that came within this many minutes counts `fastReplyBonus` more. */
  readonly fastReplyMinutes: number;
  readonly fastReplyBonus: number;
  /** The weighted points at which the score reaches 63 of 100; it nears 100 beyond. */
  readonly saturation: number;
}

export const defaultStrengthWeights: StrengthWeights = {
  points: {
    reply_received: 10,
    message_received: 6,
    message_sent: 3,
    meeting: 15,
    human_open: 1,
  },
  halfLifeDays: 45,
  deepThreadMessages: 4,
  deepThreadBonus: 0.25,
  fastReplyMinutes: 240,
  fastReplyBonus: 0.25,
  saturation: 50,
};

export type Trend = 'rising' | 'steady' | 'cooling' | 'cold';

/** One line of a score's breakdown. */
export interface Contribution {
  readonly kind: InteractionKind;
  readonly at: Date;
  readonly points: number;
  /** In words, e.g. "reply received 3 days ago, within 4 hours, thread of 5". */
  readonly reason: string;
}

export interface ConnectionStrength {
  /** 0 (none) to 100. */
  readonly score: number;
  readonly trend: Trend;
  /** Weighted points before reciprocity. */
  readonly points: number;
  /** 0.5 when only one side writes, up to 1 when both write as often. */
  readonly reciprocity: number;
  /** Every interaction's part, largest first. */
  readonly breakdown: readonly Contribution[];
  readonly lastAt: Date | null;
}

const dayMs = 24 * 60 * 60 * 1000;
const words: Record<InteractionKind, string> = {
  reply_received: 'reply received',
  message_received: 'message received',
  message_sent: 'message sent',
  meeting: 'meeting',
  human_open: 'opened by a person',
};

function ago(days: number): string {
  if (days < 1) return 'today';
  const whole = Math.floor(days);
  return whole === 1 ? '1 day ago' : `${whole} days ago`;
}

function within(minutes: number): string {
  return minutes < 60
    ? `within ${Math.ceil(minutes)} minutes`
    : `within ${Math.ceil(minutes / 60)} hours`;
}

function contribution(interaction: Interaction, now: Date, weights: StrengthWeights): Contribution {
  const ageDays = Math.max(0, (now.getTime() - interaction.at.getTime()) / dayMs);
  let factor = Math.pow(0.5, ageDays / weights.halfLifeDays);
  const details = [`${words[interaction.kind]} ${ago(ageDays)}`];
  const fast =
    interaction.responseMinutes !== null && interaction.responseMinutes <= weights.fastReplyMinutes;
  if (fast) {
    factor *= 1 + weights.fastReplyBonus;
    details.push(within(interaction.responseMinutes));
  }
  if (interaction.threadDepth >= weights.deepThreadMessages) {
    factor *= 1 + weights.deepThreadBonus;
    details.push(`thread of ${interaction.threadDepth}`);
  }
  const points = Math.round(weights.points[interaction.kind] * factor * 10) / 10;
  return { kind: interaction.kind, at: interaction.at, points, reason: details.join(', ') };
}

const written = new Set<InteractionKind>(['message_sent']);
const heard = new Set<InteractionKind>(['reply_received', 'message_received']);

/**
 * 0.5 + 0.5 × (the smaller of what we wrote and what they wrote, over the
 * larger): a relationship where only one side writes is worth half.
 * Meetings and opens leave it alone: a meeting is both sides' by nature, and
 * an open answers nothing.
 */
function reciprocityOf(interactions: readonly Interaction[]): number {
  const sent = interactions.filter((interaction) => written.has(interaction.kind)).length;
  const received = interactions.filter((interaction) => heard.has(interaction.kind)).length;
  const larger = Math.max(sent, received);
  if (larger === 0) return 1;
  return 0.5 + (0.5 * Math.min(sent, received)) / larger;
}

/**
 * Rising, steady, cooling or cold, from the undecayed points of the last 30
 * days against the 60 before them (per 30 days): cold when nothing happened
 * in 90 days, rising at half as much again or more, cooling at half or less.
 */
export function trendOf(
  interactions: readonly Interaction[],
  now: Date,
  weights: StrengthWeights = defaultStrengthWeights,
): Trend {
  const sum = (fromDays: number, toDays: number) =>
    interactions
      .filter((interaction) => {
        const age = (now.getTime() - interaction.at.getTime()) / dayMs;
        return age >= fromDays && age < toDays;
      })
      .reduce((total, interaction) => total + weights.points[interaction.kind], 0);
  const recent = sum(0, 30);
  const before = sum(30, 90) / 2;
  if (recent === 0 && before === 0) return 'cold';
  if (recent >= before * 1.5) return 'rising';
  if (recent <= before * 0.5) return 'cooling';
  return 'steady';
}

/**
 * How strong the connection between one of our people and one of theirs is,
 * with every point explained: each interaction's weight, halved every
 * `halfLifeDays`, raised for a fast reply or a deep thread; the sum scaled by
 * reciprocity and mapped onto 0–100 as `100 × (1 − e^(−points / saturation))`.
 * Interactions after `now` are ignored.
 *
 * @example
 * connectionStrength([{ kind: 'reply_received', at: now, threadDepth: 2, responseMinutes: 30 }], now)
 * // { score: 12, trend: 'rising', points: 12.5, reciprocity: 0.5, breakdown: [{ points: 12.5,
 * //   reason: 'reply received today, within 30 minutes' }], ... }
 */
export function connectionStrength(
  interactions: readonly Interaction[],
  now: Date,
  weights: StrengthWeights = defaultStrengthWeights,
): ConnectionStrength {
  const past = interactions.filter((interaction) => interaction.at.getTime() <= now.getTime());
  const breakdown = past
    .map((interaction) => contribution(interaction, now, weights))
    .sort((a, b) => b.points - a.points || b.at.getTime() - a.at.getTime());
  const points = Math.round(breakdown.reduce((total, part) => total + part.points, 0) * 10) / 10;
  const reciprocity = reciprocityOf(past);
  const score = Math.round(100 * (1 - Math.exp((-points * reciprocity) / weights.saturation)));
  const lastAt = past.reduce<Date | null>(
    (latest, interaction) => (!latest || interaction.at > latest ? interaction.at : latest),
    null,
  );
  return { score, trend: trendOf(past, now, weights), points, reciprocity, breakdown, lastAt };
}

/**
 * Several connections as one (a team with an account, a person with all
 * contacts of an account): the chance that at least one holds,
 * `100 × (1 − Π(1 − score / 100))`.
 *
 * @example
 * combinedScore([50, 50]) // 75
 */
export function combinedScore(scores: readonly number[]): number {
  return Math.round(100 * (1 - scores.reduce((rest, score) => rest * (1 - score / 100), 1)));
}
