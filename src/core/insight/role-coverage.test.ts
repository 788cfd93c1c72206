import { describe, expect, it } from 'vitest';
import { coverageOfRoles, roleOfDealContact, type DealContact } from './role-coverage.js';

const contact = (name: string, title: string, score: number, dealRole = ''): DealContact => ({
  contactId: `id-${name}`,
  name,
  title,
  dealRole,
  score,
  trend: score > 0 ? 'steady' : 'cold',
  lastAt: score > 0 ? new Date('2026-06-01T00:00:00Z') : null,
});

describe('the buying roles a deal has reached', () => {
  const coverage = coverageOfRoles([
    contact('Ada', 'Chief Executive Officer', 42),
    contact('Bea', 'Head of IT', 5),
    contact('Cem', 'Softwareentwickler', 30),
    contact('Dov', 'Acheteur', 0),
    contact('Eli', 'Intern', 12),
  ]);

  it('lists each role with its contacts, strongest first, engaged or not', () => {
    const technical = coverage.roles.find((role) => role.role === 'technical');
    expect(technical?.contacts.map((c) => [c.name, c.engaged])).toEqual([
      ['Cem', true],
      ['Bea', true],
    ]);
    expect(coverage.roles.find((role) => role.role === 'purchasing')).toMatchObject({
      reached: false,
      contacts: [{ name: 'Dov', engaged: false }],
    });
  });

  it('names the roles never reached: nobody there, or nobody written with', () => {
    expect(coverage.unreached).toEqual(['finance', 'purchasing', 'legal', 'user']);
  });

  it('keeps apart the contacts whose title names no role', () => {
    expect(coverage.unassigned.map((c) => c.name)).toEqual(['Eli']);
  });

  it('takes the role given on the deal before the title', () => {
    expect(roleOfDealContact({ title: 'Engineer', dealRole: 'Legal counsel' })).toBe('legal');
    expect(roleOfDealContact({ title: 'Engineer', dealRole: 'Champion' })).toBe('technical');
  });

  it('reaches nothing on a deal without contacts', () => {
    const empty = coverageOfRoles([]);
    expect(empty.unreached).toEqual(empty.roles.map((role) => role.role));
    expect(empty.roles.every((role) => role.contacts.length === 0)).toBe(true);
  });
});
