import { decodeCharset } from './charset.js';

// A label runs to the next `?`, so labels with punctuation (ISO_8859-1:1987)
// are recognised; no whitespace, so a stray `=?` in prose cannot swallow the line.
const encodedWord = /=\?([^?\s]+)\?([QqBb])\?([^?]*)\?=/g;
const linearWhitespace = /^[ \t\r\n]*$/;

/**
 * A header value with its RFC 2047 encoded words decoded. Adjacent encoded
 * words of one charset are decoded as one run of bytes, so a character that
 * an encoder split across two words (a padded base64 word ending inside a
 * UTF-8 sequence, say) comes out whole; the whitespace between adjacent
 * encoded words is folding, not text, and is dropped.
 *
 * @example decodeEncodedWords('=?UTF-8?B?Y2Fmww==?= =?UTF-8?B?qQ==?=') // 'café'
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  let result = '';
  let run = null as { charset: string; bytes: Buffer[] } | null;
  let last = 0;
  for (const match of value.matchAll(encodedWord)) {
    const between = value.slice(last, match.index);
    const charset = (match[1] ?? '').toLowerCase();
    const adjacent = run !== null && linearWhitespace.test(between);
    if (!adjacent || run?.charset !== charset) {
      if (run) result += decodeCharset(Buffer.concat(run.bytes), run.charset);
      if (!adjacent) result += between;
      run = { charset, bytes: [] };
    }
    run.bytes.push(wordBytes(match[2] ?? '', match[3] ?? ''));
    last = match.index + match[0].length;
  }
  if (run) result += decodeCharset(Buffer.concat(run.bytes), run.charset);
  return result + value.slice(last);
}

function wordBytes(encoding: string, text: string): Buffer {
  if (encoding === 'B' || encoding === 'b') return Buffer.from(text, 'base64');
  const bytes: number[] = [];
  const raw = Buffer.from(text.replaceAll('_', ' '), 'utf8');
  for (let i = 0; i < raw.length; i += 1) {
    const byte = raw[i]!;
    const hex = byte === 0x3d ? raw.toString('latin1', i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(byte);
    }
  }
  return Buffer.from(bytes);
}
