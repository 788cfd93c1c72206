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

describe('classifying the sample messages', () => {
  it('has samples of every category', () => {
    expect(new Set(cases.map(([category]) => category))).toEqual(new Set(noiseCategories));
  });

  it.each(cases)('classifies %s/%s as its folder says', async (category, name) => {
    const message = await parseMessage(readFileSync(join(fixtures, category, name)));
    expect(classifyNoise(message).category).toBe(category);
  });
});
