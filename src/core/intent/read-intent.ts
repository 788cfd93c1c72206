import { detectLanguage, languages, type Language } from './language.js';
import { intents, lexicons, type Intent, type Lexicon } from './lexicon.js';
import { anyPhrase } from './lexicon-parts.js';
import { extractNewText, type RemovedPart } from './new-text.js';

export type Sentiment = 'negative' | 'neutral' | 'positive';

export interface DetectedIntent {
  readonly intent: Intent;
  /** 0..1: evidence from every cue that fired, combined as independent odds. */
  readonly confidence: number;
  /** The words that fired, where they were: `body "could you send us a quote"`. */
  readonly reasons: readonly string[];
}

export interface IntentReading {
  /** Undefined when the text has no marker word of any of the seven languages. */
  readonly language: Language | undefined;
  readonly languageEvidence: readonly string[];
  /** Intents at or above `intentThreshold`, most confident first. */
  readonly intents: readonly DetectedIntent[];
  /** Cues that matched but were set aside, and why: `demo_request: negated body "not interested in a demo"`. */
  readonly setAside: readonly string[];
  readonly sentiment: {
    readonly label: Sentiment;
    readonly score: number;
    readonly reasons: readonly string[];
  };
  /** What was cut from the body before reading it. */
  readonly removed: readonly RemovedPart[];
}

/** The confidence from which an intent is reported. */
export const intentThreshold = 0.5;

/** A subject is shorter and vaguer than a sentence the sender wrote: its cues count for less. */
const subjectFactor = 0.8;

/** Below this many marker words the language guess is too weak to leave the other lexicons out. */
const minimumEvidence = 3;

/** Words before a cue in which a negation turns it around ("not really interested in a demo"). */
const negationReach = 4;

/** Intents a vendor offers in a question ("Would you like a demo?") rather than asks for. */
const offered: ReadonlySet<Intent> = new Set(['demo_request', 'quote_request']);

const replyPrefix = /^\s*((re|res|aw|wg|fw|fwd|tr|rv|r|enc|antw|sv|vs)\s*(\[\d+\])?\s*:\s*)+/i;

interface Sentence {
  readonly folded: string;
  /** The same sentence as written, for quoting. */
  readonly original: string;
  readonly where: 'subject' | 'body';
  readonly question: boolean;
}

/**
 * Reads what a message asks for and how it feels, from its subject and
 * plain-text body, without any service or model: the body's new text only
 * (quoted history, signatures and disclaimers are cut first), in the
 * language detected plus English, cue phrases per intent with negation and
 * offers set aside, and a word-list sentiment. A reply's subject ("Re: …")
 * names the earlier message's topic, so only a new subject is read.
 *
 * @example
 * readIntent({ subject: 'Angebot', text: 'Könnten Sie uns bitte ein Angebot für 50 Lizenzen schicken?' })
 * // intents: [{ intent: 'quote_request', confidence: 0.96, reasons: ['body "Könnten Sie uns bitte ein Angebot"', 'body "Angebot für 50 Lizenzen schicken"'] }]
 * // language: 'de'
 */
export function readIntent(message: {
  readonly subject: string;
  readonly text: string;
}): IntentReading {
  const { text, removed } = extractNewText(message.text);
  return readNewText({ subject: message.subject, text }, removed);
}

/**
 * `readIntent` of a body whose new text is already cut (`extractNewText`),
 * for a caller that needs that text itself and would otherwise cut it twice.
 */
export function readNewText(
  message: { readonly subject: string; readonly text: string },
  removed: readonly RemovedPart[],
): IntentReading {
  const { text } = message;
  const subject = replyPrefix.test(message.subject) ? '' : message.subject;
  const sentences = [...splitSentences(subject, 'subject'), ...splitSentences(text, 'body')];

  const guess = detectLanguage(sentences.map((s) => s.folded).join(' '));
  const read = lexiconsFor(guess && guess.count >= minimumEvidence ? guess.language : undefined);

  const evidence = new Map<Intent, { weights: number[]; reasons: string[] }>();
  const setAside: string[] = [];
  for (const sentence of sentences) {
    for (const lexicon of read) {
      if (!anyCue.get(lexicon)!.test(sentence.folded)) continue;
      for (const intent of intents) {
        const fired = fire(read, lexicon, intent, sentence);
        if (!fired) continue;
        for (const why of fired.setAside) setAside.push(`${intent}: ${why}`);
        if (fired.weights.length === 0) continue;
        const entry = evidence.get(intent) ?? { weights: [], reasons: [] };
        entry.weights.push(...fired.weights);
        entry.reasons.push(...fired.reasons);
        evidence.set(intent, entry);
      }
    }
  }

  const detected = [...evidence.entries()]
    .map(([intent, { weights, reasons }]) => ({
      intent,
      confidence: combine(weights),
      reasons: [...new Set(reasons)],
    }))
    .filter((d) => d.confidence >= intentThreshold)
    .sort((a, b) => b.confidence - a.confidence);

  return {
    language: guess?.language,
    languageEvidence: guess?.evidence ?? [],
    intents: detected,
    setAside: [...new Set(setAside)],
    sentiment: readSentiment(sentences, read, detected),
    removed,
  };
}

/**
 * Per lexicon, one pattern that matches a sentence when any of its cues
 * does: most sentences match none, and one scan costs less than one per cue.
 */
const anyCue: ReadonlyMap<Lexicon, RegExp> = new Map(
  languages.map((language) => {
    const lexicon = lexicons[language];
    return [
      lexicon,
      anyPhrase(intents.flatMap((intent) => lexicon.cues[intent].map((c) => c.pattern))),
    ];
  }),
);

interface Fired {
  readonly weights: number[];
  readonly reasons: string[];
  readonly setAside: string[];
}

/**
 * The cues of one intent that fire in one sentence, and those set aside with
 * why; undefined when none matches (most sentences, so nothing is allocated).
 */
function fire(
  read: readonly Lexicon[],
  lexicon: Lexicon,
  intent: Intent,
  sentence: Sentence,
): Fired | undefined {
  let fired: Fired | undefined;
  for (const cue of lexicon.cues[intent]) {
    const match = cue.pattern.exec(sentence.folded);
    if (!match) continue;
    fired ??= { weights: [], reasons: [], setAside: [] };
    const end = match.index + match[0].length;
    const reason = quote(sentence, match.index, end);
    if (read.some((l) => l.ignore[intent]?.test(sentence.folded))) {
      fired.setAside.push(`not a request ${reason}`);
    } else if (!cue.negative && negated(read, sentence.folded, match.index, match[0])) {
      fired.setAside.push(
        `negated ${quote(sentence, wordsBefore(sentence.folded, match.index), end)}`,
      );
    } else if (
      offered.has(intent) &&
      sentence.question &&
      read.some((l) => l.offer.test(sentence.folded))
    ) {
      fired.setAside.push(`offered ${reason}`);
    } else {
      fired.weights.push(sentence.where === 'subject' ? cue.weight * subjectFactor : cue.weight);
      fired.reasons.push(reason);
    }
  }
  return fired;
}

/**
 * A negation just before the cue, or inside it (German and Dutch put "nicht"
 * before the verb at the end), in any language being read: an English cue
 * may fire in a German sentence ("kein Interesse an einer Demo").
 */
function negated(read: readonly Lexicon[], folded: string, at: number, matched: string): boolean {
  const before = folded.slice(wordsBefore(folded, at), at);
  return read.some((l) => l.negation.test(before) || l.negation.test(matched));
}

/** Where the `count` words before `at` begin. */
function wordsBefore(folded: string, at: number, count = negationReach): number {
  let start = at;
  for (let words = 0; words < count && start > 0; words++) {
    start = folded.lastIndexOf(' ', start - 2) + 1;
  }
  return start;
}

function quote(sentence: Sentence, from: number, to: number): string {
  return `${sentence.where} "${sentence.original.slice(from, to).trim()}"`;
}

function combine(weights: readonly number[]): number {
  const doubt = weights.reduce((left, w) => left * (1 - w), 1);
  return Math.round(Math.min(0.99, 1 - doubt) * 100) / 100;
}

function lexiconsFor(language: Language | undefined): readonly Lexicon[] {
  if (language === undefined) return languages.map((l) => lexicons[l]);
  return language === 'en' ? [lexicons.en] : [lexicons[language], lexicons.en];
}

const sentencePattern = /[^.!?\n]+[.!?]*/g;

function splitSentences(text: string, where: Sentence['where']): Sentence[] {
  const folded = fold(text);
  const original = folded.length === text.length ? text : folded;
  const sentences: Sentence[] = [];
  for (const match of folded.matchAll(sentencePattern)) {
    const sentence = match[0].trim();
    if (!/[a-z]/.test(sentence)) continue;
    const start = match.index + match[0].indexOf(sentence);
    sentences.push({
      folded: sentence,
      original: original.slice(start, start + sentence.length),
      where,
      question: sentence.endsWith('?') || sentence.startsWith('¿'),
    });
  }
  return sentences;
}

/**
 * Lower case without accents, with typographic apostrophes made plain, so one
 * cue covers "résilier" and "resilier". Keeps the length for the common
 * Latin letters, so a match can be quoted from the original.
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u00b4`]/g, "'");
}

/** Words before a word of praise in which a negation turns it into displeasure ("not very happy"). */
const sentimentReach = 3;

/**
 * One point for each word of praise, one against for each word of
 * displeasure or negated praise, and one against for a detected complaint;
 * the sign of the sum is the label. "Thanks" and "please" are politeness,
 * not sentiment, and are not counted.
 */
function readSentiment(
  sentences: readonly Sentence[],
  read: readonly Lexicon[],
  detected: readonly DetectedIntent[],
): IntentReading['sentiment'] {
  let score = 0;
  const reasons: string[] = [];
  for (const sentence of sentences) {
    for (const lexicon of read) {
      for (const [polarity, pattern] of [
        [1, lexicon.positive],
        [-1, lexicon.negative],
      ] as const) {
        pattern.lastIndex = 0;
        for (
          let match = pattern.exec(sentence.folded);
          match;
          match = pattern.exec(sentence.folded)
        ) {
          const before = sentence.folded.slice(
            wordsBefore(sentence.folded, match.index, sentimentReach),
            match.index,
          );
          const flipped = polarity === 1 && read.some((l) => l.negation.test(before));
          const value = flipped ? -1 : polarity;
          score += value;
          const shown = quote(sentence, match.index, match.index + match[0].length);
          reasons.push(
            `${value > 0 ? 'positive' : 'negative'}${flipped ? ' (negated)' : ''} ${shown}`,
          );
        }
      }
    }
  }
  if (detected.some((d) => d.intent === 'complaint')) {
    score -= 1;
    reasons.push('complaint');
  }
  const label: Sentiment = score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
  return { label, score, reasons: [...new Set(reasons)] };
}
