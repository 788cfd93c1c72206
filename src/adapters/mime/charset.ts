import iconv from 'iconv-lite';

// Legacy charsets are decoded with iconv-lite, not `TextDecoder`: Node 20's
// `TextDecoder('windows-1252')` (and every label the WHATWG standard maps to
// it, `iso-8859-1` and `us-ascii` among them) decodes as ISO-8859-1, turning
// the curly quotes and dashes of Windows mail into C1 control characters, and
// iconv-lite reads the same on every Node version.

// Mailers label windows-1252 text as ISO-8859-1 or ASCII; reading those labels
// as windows-1252 is what browsers and mail clients do, and loses nothing.
const windows1252Labels = new Set([
  'ascii',
  'us-ascii',
  'ansi_x3.4-1968',
  'iso-8859-1',
  'iso8859-1',
  'iso88591',
  'iso_8859-1',
  'iso_8859-1:1987',
  'latin1',
  'l1',
  'cp819',
  'ibm819',
  'csisolatin1',
]);

// The charset 8-bit text without a usable label is most often in.
const fallbackCharset = 'windows-1252';

/**
 * Text in the charset a part or an encoded word names. An unknown or
 * misspelled label reads as windows-1252, so the text stays legible.
 *
 * @example decodeCharset(Buffer.from([0x93, 0x41, 0x94]), 'iso-8859-1') // '“A”'
 */
export function decodeCharset(bytes: Uint8Array, label: string): string {
  return iconv.decode(bytes, charsetOf(label));
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text whose charset nobody named: UTF-8 when it is valid UTF-8, else
 * windows-1252, the charset of most 8-bit mail from before UTF-8.
 */
export function decodeUnlabelled(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return decodeCharset(bytes, fallbackCharset);
  }
}

/**
 * Lines of text whose charset nobody named, each read as `decodeUnlabelled`
 * reads it, with LF line ends: one stray byte, or a message cut inside a
 * character, leaves the other lines as they are.
 */
export function decodeUnlabelledLines(bytes: Uint8Array): string {
  const lines: string[] = [];
  let start = 0;
  while (start <= bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    let end = newline === -1 ? bytes.length : newline;
    const next = end + 1;
    if (end > start && bytes[end - 1] === 0x0d) end -= 1;
    lines.push(decodeUnlabelled(bytes.subarray(start, end)));
    start = next;
  }
  return lines.join('\n');
}

function charsetOf(label: string): string {
  // RFC 2231 lets a label carry a language after `*`.
  const name = (label.split('*')[0] ?? '').trim().toLowerCase();
  if (windows1252Labels.has(name)) return fallbackCharset;
  return iconv.encodingExists(name) ? name : fallbackCharset;
}

const c1Controls = /[\x80-\x9f]/g;
const windows1252OfC1 = iconv.decode(
  Uint8Array.from({ length: 0x20 }, (_, i) => 0x80 + i),
  fallbackCharset,
);

/**
 * C1 control characters replaced by the windows-1252 characters of the same
 * bytes (U+FFFD where windows-1252 has none). They are never text in mail:
 * they are windows-1252 bytes a decoder read as ISO-8859-1 (the MIME parser's
 * `TextDecoder` on Node 20, or a mailer that re-encoded such text as UTF-8),
 * and HTML reads a numeric reference to one the same way.
 *
 * @example c1AsWindows1252('\u0093Quoted\u0094') // '“Quoted”'
 */
export function c1AsWindows1252(text: string): string {
  return text.replace(c1Controls, (c) => windows1252OfC1[c.charCodeAt(0) - 0x80] ?? '\uFFFD');
}
