/** What a third party on an account's threads is to the deal. */
export const thirdPartyRoles = ['lawyer', 'reseller', 'partner', 'other'] as const;
export type ThirdPartyRole = (typeof thirdPartyRoles)[number];

/** What is known of a third party: their address, and what the CRM holds on them, if anything. */
export interface ThirdPartyFacts {
  readonly domain: string;
  /** Their title, when their address belongs to a CRM contact. */
  readonly title: string | null;
  /** The CRM account they belong to (as a contact, or by their domain), by name. */
  readonly accountName: string | null;
}

export interface ThirdPartyRoleGuess {
  readonly role: ThirdPartyRole;
  /** In words, e.g. "CRM title “General Counsel” says “counsel”". */
  readonly reason: string;
}

type Named = Exclude<ThirdPartyRole, 'other'>;

/**
 * The beginnings of words that name a role, in the languages our users'
 * counterparts write in, without accents. A title or an account name is
 * matched word by word, so "legal" finds "Legal Counsel" and not
 * "Illegal"; the lawyer's words come first because law firms are often
 * "… & Partners".
 */
const titleWords: Readonly<Record<Named, readonly string[]>> = {
  lawyer: [
    'counsel',
    'attorney',
    'solicitor',
    'lawyer',
    'barrister',
    'paralegal',
    'legal',
    'llp',
    'law firm',
    'kanzlei',
    'justiziar',
    'syndikus',
    'jurist',
    'juridi',
    'avocat',
    'notaire',
    'notar',
    'abogad',
    'bufete',
    'avvocat',
    'advocaat',
    'advocaten',
    'advogad',
  ],
  reseller: [
    'reseller',
    'resale',
    'channel',
    'distribut',
    'distribuidor',
    'distributeur',
    'wiederverkauf',
    'vertriebspartner',
    'revendeur',
    'revendedor',
    'rivendit',
    'value added',
    'var ',
  ],
  partner: [
    'partner manager',
    'partner account',
    'partner success',
    'partnerships',
    'partner program',
    'alliance',
    'integrator',
    'implementation partner',
    'partenaire',
    'partenariat',
    'partnermanager',
    'partnerschaft',
    'socio tecnologico',
    'consulting',
    'consultancy',
  ],
};

/** An account's name also says what the firm is: "Northwind Partners", "Contoso Distribution". */
const accountWords: Readonly<Record<Named, readonly string[]>> = {
  ...titleWords,
  lawyer: [...titleWords.lawyer, 'law'],
  partner: [...titleWords.partner, 'partners'],
};

/**
 * Words a domain name carries, matched inside its labels, where words run
 * together ("smithlaw", "acme-legal"): only long, unambiguous stems, and
 * "law" and "llp" where they end a label or are a word of it.
 */
const domainWords: Readonly<Record<Named, readonly string[]>> = {
  lawyer: [
    'legal',
    'lawyers',
    'lawfirm',
    'lawgroup',
    'lawoffice',
    'attorneys',
    'solicitors',
    'rechtsanw',
    'anwaelte',
    'kanzlei',
    'avocat',
    'abogad',
    'bufete',
    'avvocat',
    'advocaten',
    'advogad',
    'notaire',
  ],
  reseller: ['reseller', 'resell', 'distribution', 'distributor', 'distribuidor', 'revendeur'],
  partner: ['partners', 'partner', 'consulting', 'integrator', 'alliance'],
};
const domainEndings: Readonly<Record<Named, readonly string[]>> = {
  lawyer: ['law', 'llp'],
  reseller: [],
  partner: [],
};

/** Lower case, accents dropped, every run of other characters one space. */
function plain(text: string): string {
  return ` ${text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** German compounds put the role last: Rechtsanwalt, Fachanwältin, Patentanwalt. */
const compoundEndings: Readonly<Record<Named, readonly string[]>> = {
  lawyer: ['anwalt', 'anwaltin', 'anwalte'],
  reseller: [],
  partner: [],
};

/**
 * The first word of `words` some word of `text` starts with (or, for a
 * compound, ends with), in the order of the roles.
 */
function wordIn(text: string, words: Readonly<Record<Named, readonly string[]>>) {
  const normal = plain(text);
  const parts = normal.trim().split(' ');
  for (const role of ['lawyer', 'reseller', 'partner'] as const) {
    const word =
      words[role].find((start) => normal.includes(` ${start}`)) ??
      compoundEndings[role].find((ending) => parts.some((part) => part.endsWith(ending)));
    if (word) return { role, word: word.trim() };
  }
  return null;
}

function wordInDomain(domain: string) {
  // The last label is the top-level domain: "law" in ".law" names no firm.
  const labels = domain.toLowerCase().split('.').slice(0, -1);
  const tokens = labels.flatMap((label) => [label, ...label.split('-')]);
  for (const role of ['lawyer', 'reseller', 'partner'] as const) {
    const word =
      domainWords[role].find((stem) => labels.some((label) => label.includes(stem))) ??
      domainEndings[role].find((ending) => tokens.some((token) => token.endsWith(ending)));
    if (word) return { role, word };
  }
  return null;
}

/**
 * Whether a third party on an account's threads is its lawyer, a reseller,
 * a partner, or other, and why: their title in the CRM first (it is about
 * the person), then the name of their CRM account, then words in their
 * domain ("smithlaw.com", "kanzlei-mueller.de"). The first that names a
 * role decides.
 *
 * @example
 * thirdPartyRole({ domain: 'kanzlei-weber.de', title: null, accountName: null })
 * // { role: 'lawyer', reason: 'domain kanzlei-weber.de says “kanzlei”' }
 */
export function thirdPartyRole(facts: ThirdPartyFacts): ThirdPartyRoleGuess {
  const byTitle = facts.title ? wordIn(facts.title, titleWords) : null;
  if (byTitle) {
    return { role: byTitle.role, reason: `CRM title “${facts.title}” says “${byTitle.word}”` };
  }
  const byAccount = facts.accountName ? wordIn(facts.accountName, accountWords) : null;
  if (byAccount) {
    return {
      role: byAccount.role,
      reason: `CRM account “${facts.accountName}” says “${byAccount.word}”`,
    };
  }
  const byDomain = wordInDomain(facts.domain);
  if (byDomain) {
    return { role: byDomain.role, reason: `domain ${facts.domain} says “${byDomain.word}”` };
  }
  return { role: 'other', reason: 'no title, account or domain names their role' };
}
