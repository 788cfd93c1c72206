import { describe, expect, it } from 'vitest';
import {
  c1AsWindows1252,
  decodeCharset,
  decodeUnlabelled,
  decodeUnlabelledLines,
} from './charset.js';

const quoted = Buffer.from('\x93Quoted\x94 offer \x96', 'latin1');

describe('decodeCharset', () => {
  it('reads windows-1252 punctuation as such on every Node version', () => {
    expect(decodeCharset(quoted, 'windows-1252')).toBe('“Quoted” offer –');
  });

  it.each(['iso-8859-1', 'ISO_8859-1:1987', 'us-ascii', 'latin1'])(
    'reads text labelled %s as windows-1252, as mail clients do',
    (label) => {
      expect(decodeCharset(quoted, label)).toBe('“Quoted” offer –');
    },
  );

  it('decodes other legacy charsets by their label', () => {
    expect(decodeCharset(Buffer.from([0xc1, 0xcc]), 'koi8-r')).toBe('ал');
    expect(decodeCharset(Buffer.from([0x8a, 0x9a]), 'windows-1250')).toBe('Šš');
  });

  it('ignores an RFC 2231 language after the label', () => {
    expect(decodeCharset(Buffer.from([0xfc]), 'iso-8859-1*de')).toBe('ü');
  });

  it('reads an unknown label as windows-1252 instead of failing', () => {
    expect(decodeCharset(Buffer.from('Lieferstatus \xfc', 'latin1'), 'x-unknown-9')).toBe(
      'Lieferstatus ü',
    );
  });
});

describe('decodeUnlabelled', () => {
  it('keeps valid UTF-8 as UTF-8', () => {
    expect(decodeUnlabelled(Buffer.from('Grüße – “ok”'))).toBe('Grüße – “ok”');
  });

  it('reads bytes that are not UTF-8 as windows-1252', () => {
    expect(decodeUnlabelled(Buffer.concat([Buffer.from('Gr\xfc\xdfe ', 'latin1'), quoted]))).toBe(
      'Grüße “Quoted” offer –',
    );
  });
});

describe('decodeUnlabelledLines', () => {
  it('reads each line on its own, with LF line ends', () => {
    const bytes = Buffer.concat([
      Buffer.from('Grüße – UTF-8\r\n'),
      Buffer.from('Gr\xfc\xdfe \x96 windows-1252\r\n\r\n', 'latin1'),
      Buffer.from('end'),
    ]);
    expect(decodeUnlabelledLines(bytes)).toBe('Grüße – UTF-8\nGrüße – windows-1252\n\nend');
  });
});

describe('c1AsWindows1252', () => {
  it('turns C1 controls into the windows-1252 characters of their bytes', () => {
    expect(c1AsWindows1252('\u0093Quoted\u0094 offer \u0096 \u0080')).toBe('“Quoted” offer – €');
  });

  it('turns the bytes windows-1252 leaves undefined into U+FFFD, and leaves the rest alone', () => {
    expect(c1AsWindows1252('a\u0081b\u009dc ü ✓')).toBe('a\uFFFDb\uFFFDc ü ✓');
  });
});
