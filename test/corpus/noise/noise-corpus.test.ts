import { beforeAll, describe, expect, it } from 'vitest';
import { parseMessage } from '../../../src/adapters/mime/parse-message.js';
import { classifyNoise } from '../../../src/core/noise/classify-noise.js';
import type { NoiseVerdict } from '../../../src/core/noise/verdict.js';
import { generateNoiseCorpus, noiseCorpusSeed, type NoiseSample } from './noise-corpus.js';
import { formatCategoryScores, scoreCategories, type CategoryScore } from './noise-metrics.js';

/** NOISE_CORPUS_SEED tries another draw of names, reasons and variants. */
const seed = Number(process.env.NOISE_CORPUS_SEED ?? noiseCorpusSeed);

describe('the labelled noise corpus', () => {
  const samples = generateNoiseCorpus(seed);
  let verdicts: { sample: NoiseSample; verdict: NoiseVerdict }[];
  let scores: Map<string, CategoryScore>;
  const score = (category: string) => scores.get(category)!;
  const misses = (category: string) =>
    verdicts
      .filter(
        ({ sample, verdict }) => (sample.category === category) !== (verdict.category === category),
      )
      .slice(0, 10)
      .map(
        ({ sample, verdict }) =>
          `${sample.kind} -> ${verdict.category} ${verdict.reasons.join('; ')}`,
      );

  beforeAll(async () => {
    verdicts = [];
    for (const sample of samples) {
      verdicts.push({
        sample,
        verdict: classifyNoise(await parseMessage(Buffer.from(sample.raw))),
      });
    }
    const all = scoreCategories(
      verdicts.map(({ sample, verdict }) => ({
        expected: sample.category,
        actual: verdict.category,
      })),
    );
    scores = new Map(all.map((s) => [s.category, s]));
    console.log(formatCategoryScores(all));
  }, 120_000);

  it('holds 300+ bounces from 30+ MTAs, 100+ reports, list posts and own-domain newsletters, and human look-alikes', () => {
    const count = (prefix: string) => samples.filter((s) => s.kind.startsWith(prefix)).length;
    const mtas = new Set(
      samples
        .filter((s) => s.category === 'bounce')
        .map((s) => s.kind.replace(/-(?:[a-z]{2})$/, '')),
    );
    expect(count('bounce/')).toBeGreaterThanOrEqual(300);
    expect(mtas.size).toBeGreaterThanOrEqual(30);
    expect(count('report/') + count('notice/')).toBeGreaterThanOrEqual(100);
    expect(count('list/')).toBeGreaterThanOrEqual(100);
    expect(count('newsletter/customer-domain')).toBeGreaterThanOrEqual(100);
    expect(count('human/')).toBeGreaterThanOrEqual(100);
    expect(
      samples.filter((s) => s.kind.startsWith('newsletter/')).every((s) => !/^List-/im.test(s.raw)),
    ).toBe(true);
  });

  it('recognises 98% of bounces or more, with precision to match', () => {
    expect(score('bounce').recall, misses('bounce').join('\n')).toBeGreaterThanOrEqual(0.98);
    expect(score('bounce').precision, misses('bounce').join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it.each(['noreply_notification', 'auto_reply', 'list', 'newsletter'])(
    'scores %s at 0.95 or more in precision and recall',
    (category) => {
      expect(score(category).recall, misses(category).join('\n')).toBeGreaterThanOrEqual(0.95);
      expect(score(category).precision, misses(category).join('\n')).toBeGreaterThanOrEqual(0.95);
    },
  );

  it('keeps 99% of the human look-alikes human', () => {
    expect(score('human').recall, misses('human').join('\n')).toBeGreaterThanOrEqual(0.99);
  });

  it('names the failed recipient of 98% of the bounces it recognises, and the status where the bounce gives one', () => {
    const bounces = verdicts.filter(
      ({ sample, verdict }) => sample.category === 'bounce' && verdict.category === 'bounce',
    );
    const named = bounces.filter(({ sample, verdict }) =>
      verdict.failedRecipients.includes(sample.failedRecipient!.toLowerCase()),
    );
    const withStatus = bounces.filter(({ sample }) => sample.status !== undefined);
    const rightStatus = withStatus.filter(
      ({ sample, verdict }) => verdict.deliveryStatus === sample.status,
    );
    expect(named.length / bounces.length).toBeGreaterThanOrEqual(0.98);
    expect(rightStatus.length / withStatus.length).toBeGreaterThanOrEqual(0.95);
    expect(bounces.every(({ verdict }) => verdict.failedRecipients.length <= 2)).toBe(true);
  });
});
