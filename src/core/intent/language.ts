/** The languages the intent lexicons cover (ISO 639-1). */
export const languages = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'] as const;
export type Language = (typeof languages)[number];

/**
 * Frequent short words of each language, space-separated, accents folded
 * away. A word k languages share ("nos", "il", "we") counts 1/k for each,
 * so the words only one language has decide; words most Romance languages
 * share ("de", "que", "a") are left out.
 */
const markers: Record<Language, string> = {
  en: 'the and you your we our is are have with for this that would could please thanks not will of to it be can',
  de: 'und der die das ich wir sie nicht ist mit fur uns ein eine einen bitte auch wie auf zu den dem haben wir noch danke ihr ihre ihnen konnen gerne',
  fr: 'le les et nous vous est pour une des pas avec je votre vos notre nos merci sur du au aux ce cette mais avons pouvez bonjour il',
  es: 'el los las y del con es muy nos para una gustaria podemos gracias usted ustedes pero hola su sus nuestro nuestra lo al estamos hemos podrian puede pueden quisiera saludos hay tiene tienen tenemos estimados senores buenos este esto estos queremos necesitamos tambien',
  it: 'il di che non sono mi possiamo con del per una della delle dell dei gli anche ho abbiamo vostro vostra nostro nostra alla buongiorno cordiali saluti gentile gentili vi ci potete potreste siamo vorrei vorremmo ciao questo questa quale quali bene grazie piu',
  nl: 'het en een wij we ik niet is van voor met ons onze uw jullie graag bedankt dank ook maar op dat kunnen hebben zijn wilt willen groet',
  pt: 'o os do da dos das nao com uma um podemos na numa pra voces voce obrigado obrigada nosso nossa seu sua ao em estamos temos gostaria tambem ola podem prezados segue seguem pelo pela isso essa esse muito ainda agora mais meu minha',
};

/** word -> the languages it marks, built once. */
const markerIndex: ReadonlyMap<string, readonly Language[]> = (() => {
  const index = new Map<string, Language[]>();
  for (const language of languages) {
    for (const word of new Set(markers[language].split(' '))) {
      index.set(word, [...(index.get(word) ?? []), language]);
    }
  }
  return index;
})();

export interface LanguageGuess {
  readonly language: Language;
  /** The marker words found for it, most frequent first (the reason). */
  readonly evidence: readonly string[];
  /** How many marker words of it the text has, repeats included. */
  readonly count: number;
}

/**
 * Which of our seven languages folded text (lower case, accents removed) is
 * written in, by adding up its marker words, a shared word counting a share.
 * Undefined when no marker word is found.
 *
 * @example
 * detectLanguage('konnen sie uns bitte ein angebot schicken')
 * // { language: 'de', evidence: ['konnen', 'sie', 'uns', 'bitte', 'ein'], count: 5 }
 */
export function detectLanguage(folded: string): LanguageGuess | undefined {
  const found = new Map<Language, { score: number; words: Map<string, number> }>();
  for (const word of folded.match(/[a-z]+/g) ?? []) {
    const marked = markerIndex.get(word);
    if (!marked) continue;
    for (const language of marked) {
      const entry = found.get(language) ?? { score: 0, words: new Map<string, number>() };
      entry.score += 1 / marked.length;
      entry.words.set(word, (entry.words.get(word) ?? 0) + 1);
      found.set(language, entry);
    }
  }
  let best: { language: Language; score: number; words: Map<string, number> } | undefined;
  for (const language of languages) {
    const entry = found.get(language);
    if (entry && (!best || entry.score > best.score)) best = { language, ...entry };
  }
  if (!best) return undefined;
  let count = 0;
  for (const n of best.words.values()) count += n;
  const evidence = [...best.words.entries()].sort((a, b) => b[1] - a[1]).map(([word]) => word);
  return { language: best.language, evidence: evidence.slice(0, 5), count };
}
