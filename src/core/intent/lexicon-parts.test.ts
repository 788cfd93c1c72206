import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIntentCorpus } from '../../../test/corpus/intent/intent-corpus.js';
import { languages } from './language.js';
import { intents, lexicons } from './lexicon.js';
import { anyPhrase, phrase, wholeWords } from './lexicon-parts.js';
import { fold } from './read-intent.js';

const corpus = parseIntentCorpus(
  readFileSync(new URL('../../../test/corpus/intent/messages.jsonl', import.meta.url), 'utf8'),
);
const texts = corpus.flatMap((m) => [m.subject, ...m.text.split(/[.?!\n]+/)]).map(fold);

describe('one pattern for many phrases', () => {
  it('matches each sentence of the labelled corpus exactly when one of a lexicon’s cues does', () => {
    for (const language of languages) {
      const cues = intents.flatMap((intent) =>
        lexicons[language].cues[intent].map((c) => c.pattern),
      );
      const any = anyPhrase(cues);
      const disagree = texts.filter((t) => any.test(t) !== cues.some((cue) => cue.test(t)));
      expect(disagree, language).toEqual([]);
    }
  });

  it('keeps each phrase’s word boundaries, at its start and after it', () => {
    const any = anyPhrase([phrase('demo'), wholeWords('no'), phrase('price ~ list')]);
    expect(
      ['a demo please', 'no, thanks', 'the price of the list'].map((t) => any.test(t)),
    ).toEqual([true, true, true]);
    expect(['ademo', 'notice', 'sprice list'].map((t) => any.test(t))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('refuses a pattern that does not open with a word boundary and a group, or has flags', () => {
    expect(() => anyPhrase([/demo|trial/])).toThrow('not a phrase pattern');
    expect(() => anyPhrase([phrase('demo', 'i')])).toThrow('not a phrase pattern');
  });
});
