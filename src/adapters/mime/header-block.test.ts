import { describe, expect, it } from 'vitest';
import { findHeaderBlock, parseHeaderBlock } from './header-block.js';

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
    expect(
      parseHeaderBlock(bytes('Subject: Gr\xfc\xdfe \x93ok\x94 \x96 \x80\n\n')).headers,
    ).toEqual({
      subject: ['Grüße “ok” – €'],
    });
  });
});

describe('findHeaderBlock', () => {
  const message = 'From: ada@x.example\r\nSubject: s\r\n\r\nbody\r\n';

  it('starts at the first line of an ordinary message', () => {
    expect(findHeaderBlock(bytes(message))).toMatchObject({
      start: 0,
      headers: { from: ['ada@x.example'], subject: ['s'] },
      bodyOffset: message.length - 6,
      complete: true,
    });
  });

  it.each([
    ['an mbox From line', 'From ada@x.example Mon Mar  3 08:00:00 2025\r\n'],
    ['an escaped mbox From line', '>From ada@x.example Mon Mar  3 08:00:00 2025\n'],
    ['a byte order mark', '\xef\xbb\xbf'],
    ['a line a tool wrote and a blank line', 'Microsoft Mail Internet Headers Version 2.0\r\n\r\n'],
    ['blank lines', '\n\r\n  \n'],
  ])('skips %s in front of the headers', (_, junk) => {
    const block = findHeaderBlock(bytes(junk + message));
    expect(block.start).toBe(junk.length);
    expect(block.headers).toEqual({ from: ['ada@x.example'], subject: ['s'] });
    expect(block.bodyOffset).toBe(junk.length + message.length - 6);
  });

  it('takes a block of trace fields alone as a message', () => {
    expect(
      findHeaderBlock(bytes('Delivered-To: sam@x.example\nX-Spam: no\n\nbody')).headers,
    ).toEqual({ 'delivered-to': ['sam@x.example'], 'x-spam': ['no'] });
  });

  it('skips a block of fields no mail carries when a message follows it', () => {
    const block = findHeaderBlock(bytes('Saved-By: tool\n\nFrom: ada@x.example\n\nbody'));
    expect(block).toMatchObject({ start: 16, headers: { from: ['ada@x.example'] } });
  });

  it.each([
    ['', 'empty input'],
    [
      'Hello Sam,\n\nno headers here: none.\n',
      'no header block: no header field in the first 16 lines',
    ],
    [
      `${'junk\n'.repeat(16)}From: ada@x.example\n\nbody`,
      'no header block: no header field in the first 16 lines',
    ],
    ['foo: bar\n\nbody', 'no message headers (From, Date, Subject, Message-ID …) among: foo'],
  ])('refuses %j as MALFORMED_MESSAGE: %s', (text, reason) => {
    expect(() => findHeaderBlock(bytes(text))).toThrow(
      expect.objectContaining({ code: 'MALFORMED_MESSAGE', message: reason }),
    );
  });
});
