import { describe, expect, it } from 'vitest';
import { parseHeaderBlock } from './header-block.js';

const bytes = (text: string): Uint8Array => Buffer.from(text, 'latin1');

describe('parseHeaderBlock', () => {
  it('unfolds continuation lines and finds where the body starts', () => {
    const raw = bytes('Subject: a\r\n long subject\r\nX-A: 1\r\nx-a: 2\r\n\r\nbody');
    expect(parseHeaderBlock(raw)).toEqual({
      headers: { subject: ['a long subject'], 'x-a': ['1', '2'] },
      bodyOffset: raw.length - 4,
      complete: true,
    });
  });

  it('ends the block at the first line that is not a header field', () => {
    expect(parseHeaderBlock(bytes('Subject: a\nthis is body text\n'))).toEqual({
      headers: { subject: ['a'] },
      bodyOffset: 11,
      complete: false,
    });
  });

  it('reads a block cut before its blank line', () => {
    expect(parseHeaderBlock(bytes('Subject: a\nFrom: b@x.example'))).toMatchObject({
      headers: { subject: ['a'], from: ['b@x.example'] },
      complete: false,
    });
  });

  it('reads a line that is not UTF-8 as windows-1252', () => {
    expect(parseHeaderBlock(bytes('Subject: Gr\xfc\xdfe\n\n')).headers).toEqual({
      subject: ['Grüße'],
    });
  });
});
