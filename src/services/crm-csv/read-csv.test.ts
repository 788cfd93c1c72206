import { describe, expect, it } from 'vitest';
import { readCsv } from './read-csv.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readCsv', () => {
  it('numbers rows by physical line, counting quoted line breaks, CRLF and skipped empty lines', () => {
    const result = readCsv(bytes('a,b\r\n1,"two\r\nlines"\r\n\r\n3,x\r\n'));
    expect(result).toMatchObject({
      ok: true,
      header: ['a', 'b'],
      rows: [{ line: 2 }, { line: 5 }],
    });
    if (!result.ok) return;
    expect(result.rows[0]?.fields.get('b')).toBe('two\r\nlines');
  });

  it('strips a byte-order mark and trims header names and values', () => {
    const result = readCsv(bytes('\uFEFF Email ,Name\n  ada@acme.com , Ada \n'));
    expect(result.ok && [result.header, [...result.rows[0]!.fields]]).toEqual([
      ['email', 'name'],
      [
        ['email', 'ada@acme.com'],
        ['name', 'Ada'],
      ],
    ]);
  });

  it('reports an unterminated quote at the line where its row begins', () => {
    expect(readCsv(bytes('a,b\n1,2\n3,"open\n4,5\n'))).toMatchObject({ ok: false, line: 3 });
  });

  it('reports bytes that are not UTF-8 at their line', () => {
    const latin1 = Uint8Array.from([...bytes('a,b\n1,2\n'), 0x4d, 0xfc, 0x6c, 0x0a]);
    expect(readCsv(latin1)).toEqual({ ok: false, line: 3, reason: 'not valid UTF-8' });
  });

  it('reports a NUL byte at its line, with the likely cause: a file saved as UTF-16', () => {
    const utf16 = Buffer.from('a,b\n', 'utf16le');
    expect(readCsv(utf16)).toMatchObject({
      ok: false,
      line: 1,
      reason: expect.stringContaining('UTF-16'),
    });
    const nul = Uint8Array.from([...bytes('a,b\n1,2\nx'), 0x00, ...bytes('y,3\n')]);
    expect(readCsv(nul)).toMatchObject({
      ok: false,
      line: 3,
      reason: expect.stringContaining('NUL'),
    });
  });

  it('refuses an empty file for want of a header row', () => {
    expect(readCsv(bytes(''))).toEqual({
      ok: false,
      line: 1,
      reason: 'the file has no header row',
    });
  });

  it('keeps the field count of short and long rows so they can be reported', () => {
    const result = readCsv(bytes('a,b\n1\n1,2,3\n'));
    expect(result.ok && result.rows.map((row) => row.fieldCount)).toEqual([1, 3]);
  });
});
