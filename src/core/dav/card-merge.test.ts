import { describe, expect, it } from 'vitest';
import { mergeCard } from './card-merge.js';
import type { ContactCard } from './contact-card.js';

const grace: ContactCard = {
  firstName: 'Grace',
  lastName: 'Hopper',
  title: 'Rear admiral',
  emails: ['grace@navy.example'],
  phones: ['+1 555 0100'],
  addresses: [],
};

describe('merging a contact with its card', () => {
  it('changes nothing when neither side changed', () => {
    expect(mergeCard(grace, grace, grace)).toEqual({
      merged: grace,
      crmChanges: [],
      conflicts: [],
      writeCard: false,
    });
  });

  it('writes the CRM’s edit to the card without touching the CRM', () => {
    const crm = { ...grace, title: 'Commodore' };
    const result = mergeCard(grace, crm, grace);
    expect(result.merged.title).toBe('Commodore');
    expect(result.writeCard).toBe(true);
    expect(result.crmChanges).toEqual([]);
  });

  it('brings a number added on the phone into the CRM, as an overwrite to audit', () => {
    const phone = { ...grace, phones: ['+1 555 0100', '+1 555 0199'] };
    const result = mergeCard(grace, grace, phone);
    expect(result.merged.phones).toEqual(['+1 555 0100', '+1 555 0199']);
    expect(result.writeCard).toBe(false);
    expect(result.crmChanges).toEqual([
      {
        field: 'phones',
        side: 'crm',
        before: ['+1 555 0100'],
        after: ['+1 555 0100', '+1 555 0199'],
        conflict: false,
      },
    ]);
  });

  it('keeps both sides’ edits of different fields', () => {
    const result = mergeCard(
      grace,
      { ...grace, title: 'Commodore' },
      { ...grace, addresses: ['1 Navy Way, Arlington'] },
    );
    expect(result.merged).toMatchObject({
      title: 'Commodore',
      addresses: ['1 Navy Way, Arlington'],
    });
    expect(result.writeCard).toBe(true);
    expect(result.crmChanges.map((c) => c.field)).toEqual(['addresses']);
  });

  it('on a name both sides changed, keeps the CRM’s and records the phone’s edit as overruled', () => {
    const result = mergeCard(grace, { ...grace, lastName: 'Murray' }, { ...grace, lastName: 'H.' });
    expect(result.merged.lastName).toBe('Murray');
    expect(result.writeCard).toBe(true);
    expect(result.conflicts).toEqual([
      { field: 'lastName', side: 'phone', before: 'H.', after: 'Murray', conflict: true },
    ]);
  });

  it('on numbers both sides changed, keeps the phone’s and audits the CRM’s overwrite as a conflict', () => {
    const result = mergeCard(
      grace,
      { ...grace, phones: ['+1 555 0111'] },
      { ...grace, phones: ['+1 555 0122'] },
    );
    expect(result.merged.phones).toEqual(['+1 555 0122']);
    expect(result.crmChanges).toEqual([
      {
        field: 'phones',
        side: 'crm',
        before: ['+1 555 0111'],
        after: ['+1 555 0122'],
        conflict: true,
      },
    ]);
    expect(result.writeCard).toBe(false);
  });

  it('without a base, keeps the CRM’s values and fills its gaps from the card', () => {
    const crm = { ...grace, phones: [] };
    const phone = { ...grace, lastName: 'Hopper-Murray', phones: ['+1 555 0100'] };
    const result = mergeCard(null, crm, phone);
    expect(result.merged).toEqual(grace);
    expect(result.crmChanges.map((c) => c.field)).toEqual(['phones']);
    expect(result.writeCard).toBe(true);
  });
});
