import { buyingRoleOfTitle, buyingRoles, type BuyingRole } from './buying-roles.js';
import type { Trend } from './connection-strength.js';

/** A contact of a deal, with the team's connection with them on that deal. */
export interface DealContact {
  readonly contactId: string;
  readonly name: string;
  readonly title: string;
  /** The role given on the deal itself, which wins over the title; '' when none. */
  readonly dealRole: string;
  readonly score: number;
  readonly trend: Trend;
  readonly lastAt: Date | null;
}

export interface RoleCoverage {
  readonly role: BuyingRole;
  /** Everyone in the role, strongest first; engaged when the team has interactions with them. */
  readonly contacts: readonly (DealContact & { readonly engaged: boolean })[];
  readonly reached: boolean;
}

export interface DealRoleCoverage {
  /** One entry per buying role, in the order of `buyingRoles`. */
  readonly roles: readonly RoleCoverage[];
  /** The roles no engaged contact plays: nobody there, or nobody written with. */
  readonly unreached: readonly BuyingRole[];
  /** Contacts whose title and deal role name no buying role. */
  readonly unassigned: readonly DealContact[];
}

/** The role a contact plays on a deal: the deal's own role first, then the job title. */
export function roleOfDealContact(contact: Pick<DealContact, 'dealRole' | 'title'>) {
  return buyingRoleOfTitle(contact.dealRole) ?? buyingRoleOfTitle(contact.title);
}

/**
 * Which buying roles of a deal the team has reached: each role with its
 * contacts, strongest first, and the roles nobody engaged plays. A contact
 * is engaged when the team's score with them is above zero.
 *
 * @example
 * coverageOfRoles([{ contactId: 'c1', name: 'Ada', title: 'CFO', dealRole: '', score: 40, … }])
 * // { roles: [{ role: 'decision_maker', contacts: [], reached: false },
 * //   { role: 'finance', contacts: [{ name: 'Ada', engaged: true, … }], reached: true }, …],
 * //   unreached: ['decision_maker', 'purchasing', 'legal', 'technical', 'user'], unassigned: [] }
 */
export function coverageOfRoles(contacts: readonly DealContact[]): DealRoleCoverage {
  const strongestFirst = [...contacts].sort(
    (a, b) => b.score - a.score || a.name.localeCompare(b.name),
  );
  const roleOf = new Map(strongestFirst.map((contact) => [contact, roleOfDealContact(contact)]));
  const roles = buyingRoles.map((role) => {
    const playing = strongestFirst
      .filter((contact) => roleOf.get(contact) === role)
      .map((contact) => ({ ...contact, engaged: contact.score > 0 }));
    return { role, contacts: playing, reached: playing.some((contact) => contact.engaged) };
  });
  return {
    roles,
    unreached: roles.filter((coverage) => !coverage.reached).map((coverage) => coverage.role),
    unassigned: strongestFirst.filter((contact) => roleOf.get(contact) === null),
  };
}
