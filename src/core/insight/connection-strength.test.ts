import { describe, expect, it } from 'vitest';
import {
  combinedScore,
  connectionStrength,
  defaultStrengthWeights,
  trendOf,
} from './connection-strength.js';
import type { Interaction, InteractionKind } from './interactions.js';

const now = new Date('2026-06-30T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
const interaction = (
  kind: InteractionKind,
  days: number,
  more: Partial<Interaction> = {},
): Interaction => ({ kind, at: daysAgo(days), threadDepth: 1, responseMinutes: null, ...more });

describe('connection strength', () => {
  it('is nothing, and cold, without interactions', () => {
    expect(connectionStrength([], now)).toEqual({
      score: 0,
      trend: 'cold',
      points: 0,
      reciprocity: 1,
      breakdown: [],
      lastAt: null,
    });
  });

  it('matches a hand-computed case, line by line', () => {
    // sent today: 3; fast reply 45 days ago in a thread of 4: 10 × 0.5 × 1.25 × 1.25 = 7.8;
    // message received 90 days ago: 6 × 0.25 = 1.5. Points 12.3; one sent, two heard:
    // reciprocity 0.5 + 0.5 × 1/2 = 0.75; score 100 × (1 − e^(−12.3 × 0.75 / 50)) = 16.85 → 17.
    const strength = connectionStrength(
      [
        interaction('message_sent', 0),
        interaction('reply_received', 45, { threadDepth: 4, responseMinutes: 120 }),
        interaction('message_received', 90),
      ],
      now,
    );
    expect(strength.breakdown.map(({ points, reason }) => ({ points, reason }))).toEqual([
      { points: 7.8, reason: 'reply received 45 days ago, within 2 hours, thread of 4' },
      { points: 3, reason: 'message sent today' },
      { points: 1.5, reason: 'message received 90 days ago' },
    ]);
    expect(strength.points).toBe(12.3);
    expect(strength.reciprocity).toBe(0.75);
    expect(strength.score).toBe(17);
    expect(strength.lastAt).toEqual(now);
  });

  it('counts a meeting and an open by a person, with the messages, by hand', () => {
    // meeting 45 days ago: 15 × 0.5 = 7.5; message sent today: 3; opened by a person 90
    // days ago: 1 × 0.25 = 0.25 → 0.3. Points 10.8; one message sent, none heard: meetings
    // and opens leave reciprocity to the messages, 0.5; 100 × (1 − e^(−10.8 × 0.5 / 50)) =
    // 10.24 → 10.
    const strength = connectionStrength(
      [
        interaction('human_open', 90, { threadDepth: 0 }),
        interaction('meeting', 45, { threadDepth: 0 }),
        interaction('message_sent', 0),
      ],
      now,
    );
    expect(
      strength.breakdown.map(({ kind, points, reason }) => ({ kind, points, reason })),
    ).toEqual([
      { kind: 'meeting', points: 7.5, reason: 'meeting 45 days ago' },
      { kind: 'message_sent', points: 3, reason: 'message sent today' },
      { kind: 'human_open', points: 0.3, reason: 'opened by a person 90 days ago' },
    ]);
    expect(strength.points).toBe(10.8);
    expect(strength.reciprocity).toBe(0.5);
    expect(strength.score).toBe(10);
  });

  it('weighs a meeting and an open as the settings say', () => {
    const met = [interaction('meeting', 0, { threadDepth: 0 })];
    const opened = [interaction('human_open', 0, { threadDepth: 0 })];
    const weights = {
      ...defaultStrengthWeights,
      points: { ...defaultStrengthWeights.points, meeting: 20, human_open: 0 },
    };
    expect(connectionStrength(met, now, weights).points).toBe(20);
    expect(connectionStrength(opened, now, weights).points).toBe(0);
    expect(trendOf([...met, ...opened], now, weights)).toBe('rising');
  });

  it('halves a one-way relationship: mail we send that is never answered', () => {
    const oneWay = connectionStrength(
      [0, 1, 2, 3].map((d) => interaction('message_sent', d)),
      now,
    );
    const both = connectionStrength(
      [0, 1].flatMap((d) => [interaction('message_sent', d), interaction('message_received', d)]),
      now,
    );
    expect(oneWay.reciprocity).toBe(0.5);
    expect(both.reciprocity).toBe(1);
    expect(both.score).toBeGreaterThan(oneWay.score);
  });

  it('weighs a meeting above a reply, a reply above a message, a message received above one sent', () => {
    const single = (kind: InteractionKind) =>
      connectionStrength([interaction(kind, 1)], now).points;
    expect(single('meeting')).toBeGreaterThan(single('reply_received'));
    expect(single('reply_received')).toBeGreaterThan(single('message_received'));
    expect(single('message_received')).toBeGreaterThan(single('message_sent'));
    expect(single('message_sent')).toBeGreaterThan(single('human_open'));
  });

  it('takes its weights from the settings it is given', () => {
    const weights = {
      ...defaultStrengthWeights,
      points: { ...defaultStrengthWeights.points, message_sent: 30 },
    };
    expect(connectionStrength([interaction('message_sent', 0)], now, weights).points).toBe(30);
  });

  it('ignores what lies in the future of the moment asked about', () => {
    expect(connectionStrength([interaction('meeting', -3)], now).score).toBe(0);
  });

  it('nears but never passes 100', () => {
    const many = Array.from({ length: 200 }, (_, d) => [
      interaction('message_sent', d / 10),
      interaction('reply_received', d / 10, { responseMinutes: 5 }),
    ]).flat();
    const strength = connectionStrength(many, now);
    expect(strength.score).toBeGreaterThanOrEqual(99);
    expect(strength.score).toBeLessThanOrEqual(100);
  });
});

describe('the trend of a connection', () => {
  it('is rising when the last 30 days hold half as much again as the 60 before, per 30 days', () => {
    expect(
      trendOf([interaction('message_received', 70), interaction('reply_received', 5)], now),
    ).toBe('rising');
  });

  it('is steady when the last 30 days hold about what the 60 before held', () => {
    const history = [80, 50, 10].map((d) => interaction('message_received', d));
    // recent 6, before (6 + 6) / 2 = 6.
    expect(trendOf(history, now)).toBe('steady');
  });

  it('is cooling when the last 30 days hold half or less', () => {
    const history = [
      ...[80, 70, 60, 50].map((d) => interaction('reply_received', d)),
      interaction('message_sent', 3),
    ];
    expect(trendOf(history, now)).toBe('cooling');
  });

  it('is cold when nothing happened in 90 days, however strong it was', () => {
    const history = Array.from({ length: 50 }, (_, d) => interaction('meeting', 100 + d));
    expect(trendOf(history, now)).toBe('cold');
  });
});

describe('connections combined', () => {
  it('is the chance that at least one holds', () => {
    expect(combinedScore([50, 50])).toBe(75);
    expect(combinedScore([80])).toBe(80);
    expect(combinedScore([])).toBe(0);
    expect(combinedScore([100, 10])).toBe(100);
  });
});
