import { describe, expect, it } from 'vitest';
import { buyingRoleOfTitle, buyingRoles, type BuyingRole } from './buying-roles.js';

/** Titles as people write them on their signatures, by language, for every role. */
const titles: Record<BuyingRole, Record<'en' | 'de' | 'fr' | 'es', string[]>> = {
  finance: {
    en: [
      'CFO',
      'Chief Financial Officer',
      'VP Finance',
      'Financial Controller',
      'Treasurer',
      'Head of Accounting',
    ],
    de: [
      'Leiter Finanzen',
      'Finanzbuchhalterin',
      'Kaufmännischer Leiter',
      'Controller',
      'Leiterin Buchhaltung',
    ],
    fr: [
      'Directeur Administratif et Financier',
      'DAF',
      'Comptable',
      'Trésorier',
      'Responsable comptabilité',
    ],
    es: [
      'Director Financiero',
      'Directora Financiera',
      'Contable',
      'Jefe de Contabilidad',
      'Tesorero',
    ],
  },
  purchasing: {
    en: [
      'Head of Procurement',
      'Purchasing Manager',
      'Senior Buyer',
      'Strategic Sourcing Lead',
      'CPO',
    ],
    de: [
      'Einkaufsleiter',
      'Leiterin Einkauf',
      'Einkäuferin',
      'Strategischer Einkauf',
      'Beschaffungsmanager',
    ],
    fr: ['Directeur des Achats', 'Acheteuse', 'Responsable achats', 'Chargé d’approvisionnement'],
    es: [
      'Jefe de Compras',
      'Compradora',
      'Director de Adquisiciones',
      'Responsable de Aprovisionamiento',
    ],
  },
  legal: {
    en: ['General Counsel', 'Corporate Lawyer', 'Attorney', 'Head of Legal', 'Compliance Officer'],
    de: ['Syndikusrechtsanwalt', 'Justiziarin', 'Leiter Rechtsabteilung', 'Jurist'],
    fr: ['Juriste', 'Directrice juridique', 'Avocat', 'Responsable juridique'],
    es: ['Abogado', 'Abogada Interna', 'Director Jurídico', 'Letrado'],
  },
  technical: {
    en: ['CTO', 'Head of IT', 'Software Engineer', 'Solutions Architect', 'VP Engineering', 'CISO'],
    de: [
      'IT-Leiter',
      'Softwareentwickler',
      'Technischer Leiter',
      'Leiterin Informatik',
      'Ingenieur',
    ],
    fr: ['DSI', 'Ingénieur', 'Développeur', 'Directeur technique', 'Responsable informatique'],
    es: ['Jefe de Sistemas', 'Ingeniera', 'Desarrollador', 'Director de Tecnología', 'Arquitecto'],
  },
  decision_maker: {
    en: [
      'CEO',
      'Chief Operating Officer',
      'President',
      'VP Sales',
      'Managing Director',
      'Founder',
      'Head of Operations',
    ],
    de: [
      'Geschäftsführer',
      'Geschaeftsfuehrerin',
      'Vorstandsvorsitzender',
      'Inhaber',
      'Vertriebsleiter',
      'Prokurist',
    ],
    fr: ['PDG', 'Directeur général', 'Directrice', 'Gérante', 'Fondateur', 'Président'],
    es: [
      'Director General',
      'Gerente',
      'Directora de Operaciones',
      'Fundador',
      'Presidente',
      'Socio',
    ],
  },
  user: {
    en: [
      'Marketing Manager',
      'Business Analyst',
      'Project Coordinator',
      'Office Assistant',
      'Team Lead',
    ],
    de: ['Sachbearbeiterin', 'Mitarbeiter Vertrieb', 'Referent Marketing', 'Berater'],
    fr: ['Chargée de projet', 'Assistante commerciale', 'Conseiller clientèle', 'Employé'],
    es: ['Analista', 'Especialista en Marketing', 'Coordinadora', 'Asistente', 'Consultor'],
  },
};

describe('the buying role a job title names', () => {
  for (const role of buyingRoles) {
    for (const [language, examples] of Object.entries(titles[role])) {
      it.each(examples)(`reads ${role} in ${language}: %s`, (title) => {
        expect(buyingRoleOfTitle(title)).toBe(role);
      });
    }
  }

  it('lets a function win over seniority: a chief or head of finance is finance', () => {
    expect(buyingRoleOfTitle('Chief Financial Officer')).toBe('finance');
    expect(buyingRoleOfTitle('Head of Procurement')).toBe('purchasing');
    expect(buyingRoleOfTitle('Head of Sales')).toBe('decision_maker');
  });

  it('ignores case, accents and punctuation', () => {
    expect(buyingRoleOfTitle('DIRECTRICE JURIDIQUE')).toBe('legal');
    expect(buyingRoleOfTitle('directeur-general')).toBe('decision_maker');
    expect(buyingRoleOfTitle('geschäftsführer / CEO')).toBe('decision_maker');
  });

  it('does not read a role into a word that merely contains a short one', () => {
    expect(buyingRoleOfTitle('Editor')).toBeNull();
    expect(buyingRoleOfTitle('Key Accounts Manager')).toBe('user');
  });

  it('names no role for an empty title or one that names no job', () => {
    expect(buyingRoleOfTitle('')).toBeNull();
    expect(buyingRoleOfTitle('   ')).toBeNull();
    expect(buyingRoleOfTitle('Dr.')).toBeNull();
    expect(buyingRoleOfTitle('Praktikant')).toBeNull();
  });
});
