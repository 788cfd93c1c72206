import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { languages } from '../../../src/core/intent/language.js';
import { intents } from '../../../src/core/intent/lexicon.js';
import { readIntent } from '../../../src/core/intent/read-intent.js';
import { parseIntentCorpus, scoreIntentCorpus, scores } from './intent-corpus.js';

const corpus = parseIntentCorpus(
  readFileSync(new URL('./messages.jsonl', import.meta.url), 'utf8'),
);

describe('the labelled intent corpus', () => {
  it('has at least 100 messages per intent and 150 without any, in all seven languages', () => {
    for (const intent of intents) {
      expect(corpus.filter((m) => m.intents.includes(intent)).length).toBeGreaterThanOrEqual(100);
    }
    expect(corpus.filter((m) => m.intents.length === 0).length).toBeGreaterThanOrEqual(150);
    for (const language of languages) {
      const inLanguage = corpus.filter((m) => m.language === language);
      for (const intent of intents) {
        expect(inLanguage.some((m) => m.intents.includes(intent))).toBe(true);
      }
    }
  });

  it('gives every message a unique id and puts messages in both halves', () => {
    expect(new Set(corpus.map((m) => m.id)).size).toBe(corpus.length);
    const dev = corpus.filter((m) => m.split === 'dev').length;
    expect(dev).toBeGreaterThan(corpus.length / 3);
    expect(corpus.length - dev).toBeGreaterThan(corpus.length / 3);
  });

  it('reads like mail: quoted history, signatures and disclaimers around the new text', () => {
    const share = (pattern: RegExp) =>
      corpus.filter((m) => pattern.test(m.text)).length / corpus.length;
    expect(share(/^(>|On .* wrote:|Am .* schrieb|Von:|De ?:|-----)/m)).toBeGreaterThan(0.3);
    expect(share(/^-- $/m)).toBeGreaterThan(0.1);
    expect(
      share(/confidential|vertraulich|confidentiel|riservat|vertrouwelijk|confidencia/i),
    ).toBeGreaterThan(0.1);
  });

  it('refuses a malformed line and names it', () => {
    expect(() => parseIntentCorpus('{"id":"x"}\n')).toThrow(/^line 1: /);
  });
});

describe('readIntent on the held-out half', () => {
  const score = scoreIntentCorpus(
    corpus.filter((m) => m.split === 'test'),
    (m) => readIntent({ subject: m.subject, text: m.text }),
  );

  it('keeps macro F1, sentiment and language accuracy above their floors', () => {
    expect(score.macroF1).toBeGreaterThan(0.85);
    expect(score.sentimentAccuracy).toBeGreaterThan(0.75);
    expect(score.languageAccuracy).toBeGreaterThan(0.95);
  });

  it('claims intents precisely: no intent below 90% precision', () => {
    for (const intent of intents) expect(score.byIntent[intent].precision).toBeGreaterThan(0.9);
  });
});

describe('scores', () => {
  it('computes precision, recall and F1, and counts an empty class as perfect', () => {
    expect(scores({ truePositives: 8, falsePositives: 2, falseNegatives: 8 })).toEqual({
      precision: 0.8,
      recall: 0.5,
      f1: (0.8 * 0.5 * 2) / 1.3,
      support: 16,
    });
    expect(scores({ truePositives: 0, falsePositives: 0, falseNegatives: 0 })).toMatchObject({
      precision: 1,
      recall: 1,
    });
  });
});
