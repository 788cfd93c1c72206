import { describe, expect, it } from 'vitest';
import { isRecordKind, recordKinds, recordTables } from './record-kinds.js';

describe('record kinds', () => {
  it('names a table for every kind, and no other', () => {
    expect(Object.keys(recordTables).sort()).toEqual([...recordKinds].sort());
  });

  it('recognises the five kinds and nothing else', () => {
    for (const kind of recordKinds) expect(isRecordKind(kind)).toBe(true);
    for (const other of ['Account', 'accounts', '', 'user', null, 3])
      expect(isRecordKind(other)).toBe(false);
  });
});
