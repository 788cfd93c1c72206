import { describe, expect, it } from 'vitest';
import { makesParentCycle, mayEditRecord } from './edit-permission.js';

const owned = (
  ownerId: string | null,
  ownerManagerId: string | null = null,
  team: string[] = [],
) => ({
  ownerId,
  ownerManagerId,
  teamUserIds: team,
});

describe('who may change a record', () => {
  it('lets an admin change anything', () => {
    expect(mayEditRecord({ id: 'ada', role: 'admin' }, owned('ravi', 'max'))).toBe(true);
  });
  it('lets anyone change a record nobody owns, and their own', () => {
    expect(mayEditRecord({ id: 'rita', role: 'rep' }, owned(null))).toBe(true);
    expect(mayEditRecord({ id: 'rita', role: 'rep' }, owned('rita', 'max'))).toBe(true);
  });
  it('refuses a rep a colleague’s record', () => {
    expect(mayEditRecord({ id: 'rita', role: 'rep' }, owned('ravi', 'max'))).toBe(false);
  });
  it('lets a deal’s team member change the deal', () => {
    expect(mayEditRecord({ id: 'rita', role: 'rep' }, owned('ravi', 'max', ['rita']))).toBe(true);
  });
  it('lets a manager change their reports’ records, not another team’s', () => {
    expect(mayEditRecord({ id: 'max', role: 'manager' }, owned('ravi', 'max'))).toBe(true);
    expect(mayEditRecord({ id: 'mona', role: 'manager' }, owned('ravi', 'max'))).toBe(false);
  });
});

describe('a parent that would close a loop', () => {
  it('refuses an account as its own parent', () => {
    expect(makesParentCycle('a', 'a', [])).toBe(true);
  });
  it('refuses a descendant as parent', () => {
    expect(makesParentCycle('a', 'c', ['b', 'a'])).toBe(true);
  });
  it('accepts an unrelated parent', () => {
    expect(makesParentCycle('a', 'c', ['b'])).toBe(false);
  });
});
