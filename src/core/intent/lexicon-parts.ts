/** The intents a message is read for. */
export const intents = [
  'demo_request',
  'quote_request',
  'complaint',
  'churn_risk',
  'unsubscribe',
  'meeting_request',
] as const;
export type Intent = (typeof intents)[number];

/**
 * One phrase that is evidence for an intent. `weight` is how sure it makes
 * us alone (0..1); evidence from several cues adds up. A cue that itself says
 * "not" ("won't renew", "does not work") is `negative`: the words before it
 * are not checked for a negation.
 */
export interface Cue {
  readonly pattern: RegExp;
  readonly weight: number;
  readonly negative: boolean;
}

export interface Lexicon {
  readonly cues: Readonly<Record<Intent, readonly Cue[]>>;
  /**
   * Sentences that mention an intent's words without asking for it: thanks
   * for a past demo, a received quote, a question about the notice period
   * before buying. Such a sentence gives no evidence for that intent.
   */
  readonly ignore: Readonly<Partial<Record<Intent, RegExp>>>;
  /** Words that negate the cue right after them ("not interested in", "kein Interesse an"). */
  readonly negation: RegExp;
  /**
   * The opening of a question offering something ("would you like", "möchten
   * Sie"): in a question, a vendor offering a demo or a quote, not asking for one.
   */
  readonly offer: RegExp;
  /** Words of praise or satisfaction; global, read with `exec` from `lastIndex` 0. */
  readonly positive: RegExp;
  /** Words of displeasure; global like `positive`. */
  readonly negative: RegExp;
}

/** Text between two words of a phrase: within one sentence, a few words at most. */
const gap = '[^.?!\\n]{0,40}?';
/** A longer gap, for a question mark closing a sentence that named the thing asked about. */
const wideGap = '[^.?!\\n]{0,80}?';

/**
 * Compiles `[weight, source]` pairs. In a source, `~` stands for a short gap
 * within the sentence, `≈` for a longer one, and a leading `!` marks a cue
 * that carries its own negation. Sources are written lower case without
 * accents, as `fold` leaves the text.
 */
export function cues(...entries: readonly (readonly [number, string])[]): readonly Cue[] {
  return entries.map(([weight, source]) => {
    const negative = source.startsWith('!');
    const body = negative ? source.slice(1) : source;
    if (body.includes('|!')) throw new Error(`"!" only opens a cue: ${source}`);
    return { pattern: phrase(body), weight, negative };
  });
}

export function phrase(source: string, flags = ''): RegExp {
  return new RegExp(`\\b(?:${source.replaceAll('~', gap).replaceAll('≈', wideGap)})`, flags);
}

/**
 * One pattern matching wherever any of `patterns` (each made by `phrase` or
 * `wholeWords`, so each opens with a word boundary and a group) does, with
 * that boundary checked once before the alternatives: most positions of a
 * text are inside a word, where the engine would otherwise try every
 * alternative in turn. The patterns hold no back-references, so joined
 * they match as they do alone.
 */
export function anyPhrase(patterns: readonly RegExp[]): RegExp {
  const bodies = patterns.map(({ source, flags }) => {
    const phraseShaped =
      source.startsWith('\\b(?:') && (source.endsWith(')') || source.endsWith(')\\b'));
    if (!phraseShaped || flags !== '') {
      throw new Error(`not a phrase pattern (\\b(?:…) without flags): /${source}/${flags}`);
    }
    return source.slice(2);
  });
  return new RegExp(`\\b(?:${bodies.join('|')})`);
}

/** Whole words only: "no" must not match "notice", nor "pas" "passe". */
export function wholeWords(source: string): RegExp {
  return new RegExp(`\\b(?:${source})\\b`);
}

/** A reply of one word or two, such as "Unsubscribe." or "STOP". */
export const oneWordReply = (words: string): readonly [number, string] => [
  0.8,
  `^\\s*(${words})\\s*[.!]?\\s*$`,
];
