import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../adapters/mime/parse-message.js';
import { classifyNoise } from './classify-noise.js';
import { noiseCategories } from './verdict.js';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/mail');
const cases = noiseCategories.flatMap((category) =>
  readdirSync(join(fixtures, category))
    .filter((name) => name.endsWith('.eml'))
    .map((name) => [category, name] as const),
);

/**
 * Each folder of test/fixtures/mail is a category; its messages are written
 * by hand after what real MTAs, clients and services send (Microsoft 365
 * NDRs in German and French, Gmail, Yahoo, qmail, Postfix, Domino, a
 * Japanese carrier, read receipts, list posts, DMARC and TLS reports) and
 * human mail that quotes or talks about a bounce. None is made by the corpus
 * generator: they check that the rules hold beyond its wording.
 */
describe('classifying the sample messages', () => {
  it('has samples of every category', () => {
    expect(new Set(cases.map(([category]) => category))).toEqual(new Set(noiseCategories));
  });

  it.each(cases)('classifies %s/%s as its folder says', async (category, name) => {
    const message = await parseMessage(readFileSync(join(fixtures, category, name)));
    expect(classifyNoise(message).category).toBe(category);
  });
});

describe('the sample bounces', () => {
  const bounces = cases.filter(([category]) => category === 'bounce');

  it.each(bounces)('reads the one failed recipient of %s/%s', async (category, name) => {
    const message = await parseMessage(readFileSync(join(fixtures, category, name)));
    expect(classifyNoise(message).failedRecipients).toHaveLength(1);
  });
});
