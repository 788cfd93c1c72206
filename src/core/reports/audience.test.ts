import { describe, expect, it } from 'vitest';
import { audienceOf } from './audience.js';

const copy = (ownerId: string, fields: Partial<Parameters<typeof audienceOf>[0][number]> = {}) => ({
  ownerId,
  captured: true,
  held: false,
  sentFromRecord: false,
  excluded: false,
  ...fields,
});

describe('audienceOf', () => {
  it('shares a captured copy as its owner’s mode says', () => {
    const audience = audienceOf([copy('rita')], []);
    expect(audience).toMatchObject({
      everyone: false,
      ownerIds: ['rita'],
      sharedOwnerIds: ['rita'],
    });
  });

  it('keeps a held, ignored or excluded copy with its owner alone', () => {
    for (const fields of [{ held: true }, { captured: false }, { excluded: true }]) {
      expect(audienceOf([copy('rita', fields)], [])).toMatchObject({
        ownerIds: ['rita'],
        sharedOwnerIds: [],
      });
    }
  });

  it('opens mail sent from a record to everyone, whoever else holds it', () => {
    const audience = audienceOf([copy('rita', { sentFromRecord: true }), copy('ravi')], []);
    expect(audience).toMatchObject({ everyone: true, ownerIds: [], sharedOwnerIds: [] });
    expect(audience.signature).toBe('everyone');
  });

  it('keeps record shares only of owners whose copy is shared, once each', () => {
    const audience = audienceOf(
      [copy('rita'), copy('ravi', { held: true })],
      [
        { ownerId: 'rita', userId: 'olga' },
        { ownerId: 'rita', userId: 'olga' },
        { ownerId: 'ravi', userId: 'max' },
      ],
    );
    expect(audience.grants).toEqual([{ ownerId: 'rita', userId: 'olga' }]);
  });

  it('gives the same audience the same signature whatever the order of its copies', () => {
    const one = audienceOf([copy('rita'), copy('ravi')], []);
    const other = audienceOf([copy('ravi'), copy('rita')], []);
    expect(one.signature).toBe(other.signature);
    expect(audienceOf([copy('rita')], []).signature).not.toBe(one.signature);
  });
});
