import { describe, expect, it } from 'vitest';
import { parseMessage } from './parse-message.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * Headers as mailers really write them, which mail clients open without a
 * word: each is read, never refused. (The other forms clients accept, from
 * an mbox `From ` line to a boundary that never closes, are specified in
 * parse-message.test.ts and header-block.test.ts.)
 */
describe('reading headers other clients read', () => {
  it('joins an encoded word a mailer folded in its middle', async () => {
    const message = await parseMessage(
      bytes('From: a@x.example\r\nSubject: =?utf-8?B?Q2Fmw6kgbWVl\r\n dGluZw==?=\r\n\r\nb\r\n'),
    );
    expect(message.subject).toBe('Café meeting');
  });

  it('reads a Q word with a raw space in it, and one glued to the text before it', async () => {
    const spaced = await parseMessage(
      bytes('From: a@x.example\r\nSubject: =?utf-8?Q?Caf=C3=A9 meeting?=\r\n\r\nb\r\n'),
    );
    expect(spaced.subject).toBe('Café meeting');
    const glued = await parseMessage(
      bytes('From: a@x.example\r\nSubject: Re:=?utf-8?Q?Caf=C3=A9?=\r\n\r\nb\r\n'),
    );
    expect(glued.subject).toBe('Re:Café');
  });

  it('reads raw 8-bit headers in a charset nothing names (KOI8-R, Shift_JIS), keeping the addresses', async () => {
    const koi8 = Buffer.concat([
      Buffer.from('From: '),
      Buffer.from([0xe9, 0xd7, 0xc1, 0xce]),
      Buffer.from(' <ivan@x.example>\r\nSubject: '),
      Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]),
      Buffer.from('\r\n\r\nbody\r\n'),
    ]);
    const russian = await parseMessage(koi8);
    expect(russian.from.map((a) => a.address)).toEqual(['ivan@x.example']);
    expect(russian.subject).toHaveLength(6);

    const sjis = Buffer.concat([
      Buffer.from('From: taro@x.example\r\nSubject: '),
      Buffer.from([0x83, 0x65, 0x83, 0x58, 0x83, 0x67]),
      Buffer.from('\r\n\r\nbody\r\n'),
    ]);
    const japanese = await parseMessage(sjis);
    expect(japanese.from.map((a) => a.address)).toEqual(['taro@x.example']);
    expect(japanese.subject).not.toBe('');
  });
});
