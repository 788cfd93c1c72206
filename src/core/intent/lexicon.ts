import type { Language } from './language.js';
import type { Lexicon } from './lexicon-parts.js';
import { de } from './lexicons/de.js';
import { en } from './lexicons/en.js';
import { es } from './lexicons/es.js';
import { fr } from './lexicons/fr.js';
import { it } from './lexicons/it.js';
import { nl } from './lexicons/nl.js';
import { pt } from './lexicons/pt.js';

export { intents, type Cue, type Intent, type Lexicon } from './lexicon-parts.js';

/** Phrases, per language, that make each intent likely. */
export const lexicons: Readonly<Record<Language, Lexicon>> = { en, de, fr, es, it, nl, pt };
