import { describe, expect, it } from 'vitest';
import { decodeEncodedWords } from './encoded-words.js';

describe('decodeEncodedWords', () => {
  it('returns a value without encoded words as it is', () => {
    const value = 'Re: 50% off =? maybe';
    expect(decodeEncodedWords(value)).toBe(value);
  });

  it('decodes Q and B words, keeping the text around them', () => {
    expect(decodeEncodedWords('Re: =?utf-8?q?Gr=C3=BC=C3=9Fe_aus?= Berlin =?UTF-8?B?4pyT?=')).toBe(
      'Re: Grüße aus Berlin ✓',
    );
  });

  it('joins a UTF-8 character split across two padded base64 words', () => {
    expect(decodeEncodedWords('=?UTF-8?B?Y2Fmww==?=\r\n =?UTF-8?B?qQ==?=')).toBe('café');
  });

  it('joins a UTF-8 character split across two Q words', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?Ren=C3?= =?UTF-8?Q?=A9e?=')).toBe('Renée');
  });

  it('drops the whitespace between adjacent encoded words, even of different charsets', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?a?=  \t =?UTF-8?Q?b?= =?iso-8859-1?Q?=FC?=')).toBe('abü');
  });

  it('decodes windows-1252 words to their punctuation', () => {
    expect(decodeEncodedWords('=?windows-1252?Q?=93Quoted=94_offer_=96?=')).toBe(
      '“Quoted” offer –',
    );
  });

  it('reads a word of an unknown charset as windows-1252', () => {
    expect(decodeEncodedWords('=?x-unknown-charset-9?Q?Lieferstatus_=FC?=')).toBe('Lieferstatus ü');
  });

  it('keeps a lone `=` that starts no hex pair in a Q word', () => {
    expect(decodeEncodedWords('=?utf-8?Q?a=3Db=ZZ?=')).toBe('a=b=ZZ');
  });
});
