/** The parts a customer's people play in a purchase. */
export const buyingRoles = [
  'decision_maker',
  'finance',
  'purchasing',
  'legal',
  'technical',
  'user',
] as const;
export type BuyingRole = (typeof buyingRoles)[number];

/**
 * Words of a title, lower case without accents, that name a role in
 * English, German, French or Spanish, and stems that name it anywhere in a
 * word, for German compounds ("Einkaufsleiter", "Finanzbuchhalterin").
 */
interface RoleWords {
  readonly role: BuyingRole;
  readonly words: ReadonlySet<string>;
  readonly stems: readonly string[];
}

const entry = (role: BuyingRole, words: string, stems = ''): RoleWords => ({
  role,
  words: new Set(words.split(' ')),
  stems: stems ? stems.split(' ') : [],
});

/**
 * In order of precedence: a title naming a function ("Chief Financial
 * Officer", "Head of Procurement") is that function's role, before the
 * seniority that makes a decision maker of everyone else at the top.
 */
const roleWords: readonly RoleWords[] = [
  entry(
    'finance',
    'cfo finance financial controller controlling treasurer treasury accountant accounting ' +
      'comptroller daf financier financiere comptable comptabilite tresorier tresorerie ' +
      'finanzas financiero financiera contable contabilidad tesorero tesoreria kaufmannischer',
    'finanz buchhalt',
  ),
  entry(
    'purchasing',
    'procurement purchasing purchaser buyer sourcing cpo achats achat acheteur acheteuse ' +
      'approvisionnement compras comprador compradora adquisiciones aprovisionamiento',
    'einkauf beschaffung',
  ),
  entry(
    'legal',
    'legal counsel lawyer attorney paralegal compliance clo jurist justitiar syndikus juriste ' +
      'juridique avocat avocate abogado abogada juridico juridica letrado',
    'rechtsabteil rechtsanwalt justiziar',
  ),
  entry(
    'technical',
    'cto cio ciso it engineer engineering architect developer technical technology devops ' +
      'security infrastructure sysadmin ingenieur technique informatique developpeur ' +
      'architecte dsi ingeniero ingeniera desarrollador desarrolladora tecnico tecnica ' +
      'tecnologia sistemas informatica arquitecto',
    'entwickl techni informatik',
  ),
  entry(
    'decision_maker',
    'ceo coo cmo cro chief president vp svp evp vice owner founder cofounder director head md ' +
      'gm principal vorstand inhaber inhaberin direktor direktorin prokurist prokuristin pdg dg ' +
      'directeur directrice presidente gerant gerante fondateur fondatrice associe directora ' +
      'gerente fundador fundadora socio socia jefe jefa responsable',
    'geschaftsfuhr geschaeftsfuehr vorstand leiter leitung',
  ),
  entry(
    'user',
    'manager specialist analyst coordinator assistant consultant officer associate ' +
      'representative lead mitarbeiter mitarbeiterin sachbearbeiter sachbearbeiterin referent ' +
      'referentin berater beraterin charge chargee assistante employe employee conseiller ' +
      'conseillere analista especialista coordinador coordinadora asistente empleado empleada ' +
      'consultor consultora',
  ),
];

const wordsOf = (title: string): string[] =>
  title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .split(/[^a-z0-9-]+/)
    .flatMap((word) => [word, ...(word.includes('-') ? word.split('-') : [])])
    .filter((word) => word.length > 0);

const matches = (role: RoleWords, words: readonly string[]): boolean =>
  words.some((word) => role.words.has(word) || role.stems.some((stem) => word.includes(stem)));

/**
 * The buying role a job title names, in English, German, French or Spanish;
 * null when the title names none (or is empty). A function (finance,
 * purchasing, legal, technical) wins over seniority, and any other title
 * naming a job is a user.
 *
 * @example buyingRoleOfTitle('Chief Financial Officer') // 'finance'
 * @example buyingRoleOfTitle('Leiterin Einkauf') // 'purchasing'
 * @example buyingRoleOfTitle('Directeur général') // 'decision_maker'
 * @example buyingRoleOfTitle('') // null
 */
export function buyingRoleOfTitle(title: string): BuyingRole | null {
  const words = wordsOf(title);
  return roleWords.find((role) => matches(role, words))?.role ?? null;
}
