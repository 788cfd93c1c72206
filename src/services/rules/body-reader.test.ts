import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '../../core/rules/message-facts.js';
import { inThreadBodyReader, type BodyJob, type BodyReader } from './body-reader.js';

// Worker threads load compiled JavaScript: this test drives the built reader (`npm test` builds first).
const compiled = fileURLToPath(
  new URL('../../../dist/src/services/rules/body-reader.js', import.meta.url),
);

const pricing: BodyJob = {
  subject: 'Tarifs',
  textBody:
    'Bonjour,\n\nPourriez-vous nous envoyer un devis pour 40 licences ?\n\nCordialement,\nJeanne\n\nLe 3 juin 2026, Ana a écrit :\n> Voici notre brochure.',
  read: 'reading',
};
const complaint: BodyJob = {
  subject: 'Order 1182',
  textBody:
    'This is unacceptable. We have been waiting for three weeks and nobody replied.\n\n-- \nTom',
  read: 'reading',
};
const keywordOnly: BodyJob = {
  subject: 'Re: project 7',
  textBody:
    'The invoice for project 7 is attached.\n\nOn Mon, 1 Jun 2026, Ana wrote:\n> Is the order 7 ready?',
  read: 'text',
};

describe('reading bodies for a rule pass', () => {
  let reader: BodyReader;
  beforeAll(async () => {
    if (!existsSync(compiled)) throw new Error(`${compiled} is missing: run npm run build first`);
    const built = (await import(compiled)) as typeof import('./body-reader.js');
    reader = built.createBodyReader(2);
    // Not the calling thread's reader, which the build's absence would give.
    expect(reader).not.toBe(built.inThreadBodyReader);
  });
  afterAll(async () => {
    await reader?.close();
  });

  it('reads on threads exactly what the calling thread reads, in the order of the jobs', async () => {
    // More jobs than one thread takes at once, so that both threads answer parts of them.
    const jobs = Array.from({ length: 150 }, (_, n) => [pricing, complaint, keywordOnly][n % 3]!);
    const [onThreads, here] = await Promise.all([reader.read(jobs), inThreadBodyReader.read(jobs)]);
    expect(onThreads).toEqual(here);
    expect(onThreads).toHaveLength(150);
    expect(onThreads[0]).toMatchObject({ intents: [{ intent: 'quote_request' }] });
    expect(onThreads[0]!.text).not.toContain('brochure');
    expect(onThreads[1]).toMatchObject({
      sentiment: 'negative',
      intents: [{ intent: 'complaint' }],
    });
    expect(onThreads[2]).toEqual({
      text: 'The invoice for project 7 is attached.',
      intents: [],
      sentiment: 'neutral',
    });
  });

  it('reads a body only as far as asked: the new text alone reads no intent', () => {
    expect(readBody(complaint, 'text')).toEqual({
      text: 'This is unacceptable. We have been waiting for three weeks and nobody replied.',
      intents: [],
      sentiment: 'neutral',
    });
    expect(readBody(complaint, 'none')).toEqual({ text: '', intents: [], sentiment: 'neutral' });
  });

  it('answers no jobs with nothing, without a trip to a thread', async () => {
    await expect(reader.read([])).resolves.toEqual([]);
  });
});
