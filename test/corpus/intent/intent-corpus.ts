import { z } from 'zod';
import { languages, type Language } from '../../../src/core/intent/language.js';
import { intents, type Intent } from '../../../src/core/intent/lexicon.js';
import type { IntentReading } from '../../../src/core/intent/read-intent.js';

/** One labelled message of `messages.jsonl` (the format is described in README.md beside it). */
const labelledMessage = z.object({
  id: z.string().min(1),
  split: z.enum(['dev', 'test']),
  language: z.enum(languages),
  subject: z.string(),
  text: z.string().min(1),
  intents: z.array(z.enum(intents)),
  sentiment: z.enum(['negative', 'neutral', 'positive']),
});
export type LabelledMessage = z.infer<typeof labelledMessage>;

/** Parses the JSONL set, naming the line of the first malformed record. */
export function parseIntentCorpus(jsonl: string): LabelledMessage[] {
  return jsonl
    .split('\n')
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, index }) => {
      const parsed = labelledMessage.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`line ${index + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface CorpusScore {
  readonly messages: number;
  /** Per intent over every language. */
  readonly byIntent: Readonly<Record<Intent, Scores>>;
  /** Per intent within one language. */
  readonly byLanguage: Readonly<Record<Language, Readonly<Record<Intent, Scores>>>>;
  /** The mean of the per-intent F1 over every language. */
  readonly macroF1: number;
  readonly sentimentAccuracy: number;
  readonly sentimentByLanguage: Readonly<Record<Language, number>>;
  readonly languageAccuracy: number;
  /** Messages whose intents or sentiment were not the labelled ones, for reading. */
  readonly misses: readonly { id: string; expected: string; got: string }[];
}

/**
 * Precision, recall and F1 of each intent, per language and overall, and
 * sentiment and language accuracy, of `read` over labelled messages.
 */
export function scoreIntentCorpus(
  messages: readonly LabelledMessage[],
  read: (message: LabelledMessage) => IntentReading,
): CorpusScore {
  const overall = countsPerIntent();
  const perLanguage = Object.fromEntries(languages.map((l) => [l, countsPerIntent()])) as Record<
    Language,
    Record<Intent, Counts>
  >;
  const sentimentHits = Object.fromEntries(languages.map((l) => [l, { hit: 0, all: 0 }])) as Record<
    Language,
    { hit: number; all: number }
  >;
  let languageHits = 0;
  const misses: { id: string; expected: string; got: string }[] = [];

  for (const message of messages) {
    const reading = read(message);
    const got = new Set(reading.intents.map((d) => d.intent));
    const expected = new Set(message.intents);
    for (const intent of intents) {
      for (const counts of [overall[intent], perLanguage[message.language][intent]]) {
        if (got.has(intent) && expected.has(intent)) counts.truePositives++;
        else if (got.has(intent)) counts.falsePositives++;
        else if (expected.has(intent)) counts.falseNegatives++;
      }
    }
    const sentiment = sentimentHits[message.language];
    sentiment.all++;
    if (reading.sentiment.label === message.sentiment) sentiment.hit++;
    if (reading.language === message.language) languageHits++;
    const gotIntents = [...got].sort().join(',');
    const expectedIntents = [...expected].sort().join(',');
    if (gotIntents !== expectedIntents || reading.sentiment.label !== message.sentiment) {
      misses.push({
        id: message.id,
        expected: `${expectedIntents || 'none'} ${message.sentiment}`,
        got: `${gotIntents || 'none'} ${reading.sentiment.label}`,
      });
    }
  }

  const byIntent = scoresPerIntent(overall);
  const totalSentiment = Object.values(sentimentHits).reduce(
    (sum, s) => ({ hit: sum.hit + s.hit, all: sum.all + s.all }),
    { hit: 0, all: 0 },
  );
  return {
    messages: messages.length,
    byIntent,
    byLanguage: Object.fromEntries(
      languages.map((l) => [l, scoresPerIntent(perLanguage[l])]),
    ) as Record<Language, Record<Intent, Scores>>,
    macroF1: mean(intents.map((i) => byIntent[i].f1)),
    sentimentAccuracy: ratio(totalSentiment.hit, totalSentiment.all),
    sentimentByLanguage: Object.fromEntries(
      languages.map((l) => [l, ratio(sentimentHits[l].hit, sentimentHits[l].all)]),
    ) as Record<Language, number>,
    languageAccuracy: ratio(languageHits, messages.length),
    misses,
  };
}

function countsPerIntent(): Record<Intent, Counts> {
  return Object.fromEntries(
    intents.map((i) => [i, { truePositives: 0, falsePositives: 0, falseNegatives: 0 }]),
  ) as Record<Intent, Counts>;
}

function scoresPerIntent(counts: Record<Intent, Counts>): Record<Intent, Scores> {
  return Object.fromEntries(intents.map((i) => [i, scores(counts[i])])) as Record<Intent, Scores>;
}

/** Precision and recall are 1 when there was nothing to find and nothing was claimed. */
export function scores({ truePositives, falsePositives, falseNegatives }: Counts): Scores {
  const precision = ratio(truePositives, truePositives + falsePositives, 1);
  const recall = ratio(truePositives, truePositives + falseNegatives, 1);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: truePositives + falseNegatives };
}

function ratio(part: number, whole: number, empty = 0): number {
  return whole === 0 ? empty : part / whole;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
