import type { SeededRandom } from '../seeded-random.js';

/** People and organisations the noise corpus's messages are between, drawn from the seed. */
export interface Cast {
  readonly ourDomain: string;
  readonly us: () => Person;
  readonly customerDomain: () => string;
  readonly person: (domain: string) => Person;
  readonly topic: () => string;
}

export interface Person {
  readonly name: string;
  readonly address: string;
}

const firstNames = [
  'Ada',
  'Jonas',
  'Marie',
  'Lucía',
  'Priya',
  'Henrik',
  'Chen',
  'Sofia',
  'Tomasz',
  'Amélie',
  'Kenji',
  'Olga',
  'Mateo',
  'Fatima',
  'Lars',
  'Giulia',
  'Noah',
  'Ines',
  'Ravi',
  'Elif',
];
const lastNames = [
  'Fischer',
  'Okafor',
  'Dubois',
  'García',
  'Raman',
  'Lindqvist',
  'Wang',
  'Rossi',
  'Nowak',
  'Moreau',
  'Tanaka',
  'Ivanova',
  'Silva',
  'Haddad',
  'Jensen',
  'Bianchi',
  'Keller',
  'Costa',
];
const syllables = [
  'nor',
  'tal',
  'vex',
  'bri',
  'mon',
  'sol',
  'kar',
  'lum',
  'dri',
  'pel',
  'qua',
  'ren',
];
const suffixes = ['-logistics', '-systems', 'works', '-group', '-labs', 'tec', '-partners', ''];
const tlds = ['com', 'de', 'fr', 'co.uk', 'es', 'nl', 'it', 'io', 'ch', 'at'];
const topics = [
  'Q3 renewal',
  'Rollout plan',
  'Invoice 2025-0412',
  'Security review',
  'Pricing proposal',
  'Angebot Lizenzen',
  'Devis maintenance',
  'Pedido de soporte',
  'Workshop dates',
  'Contract draft v2',
  'Onboarding checklist',
  'Data migration',
  'Purchase order 88214',
  'Reference call',
];

const ascii = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export function createCast(random: SeededRandom): Cast {
  const word = () => random.pick(syllables) + random.pick(syllables);
  const ourDomain = `${word()}-sales.example`;
  const person = (domain: string): Person => {
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    const local = random.pick([
      `${ascii(first)}.${ascii(last)}`,
      `${ascii(first)[0]!}${ascii(last)}`,
      ascii(first),
    ]);
    return { name: `${first} ${last}`, address: `${local}@${domain}` };
  };
  return {
    ourDomain,
    us: () => person(ourDomain),
    customerDomain: () => `${word()}${random.pick(suffixes)}.${random.pick(tlds)}.example`,
    person,
    topic: () => random.pick(topics),
  };
}
