/** The top-level header block of a raw message, read without touching the body. */
export interface HeaderBlock {
  /** Lower-case header name to its unfolded values, in order. Encoded words are left as sent. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** Byte offset where the body starts (after the blank line), or the input length. */
  readonly bodyOffset: number;
  /** False when the input ended (or the scan limit was hit) before the blank line. */
  readonly complete: boolean;
}

// A header block larger than this is hostile or broken; the scan stays cheap either way.
const maxHeaderBytes = 1024 * 1024;
const fieldName = /^[!-9;-~]+$/;

const utf8 = new TextDecoder('utf-8', { fatal: true });
// The WHATWG `latin1` label is windows-1252, the usual charset of raw 8-bit headers.
const latin1 = new TextDecoder('latin1');

/**
 * Reads the header block of a raw message: cheap enough to decide from headers
 * before parsing (or fetching) a body. Each line that is not valid UTF-8 is read
 * as windows-1252, so raw 8-bit headers from old mailers stay legible.
 */
export function parseHeaderBlock(raw: Uint8Array): HeaderBlock {
  const headers: Record<string, string[]> = {};
  const limit = Math.min(raw.length, maxHeaderBytes);
  let name = '';
  let value = '';
  let position = 0;

  const flush = (): void => {
    if (name) (headers[name] ??= []).push(value.trim());
    name = '';
  };

  while (position < limit) {
    let end = raw.indexOf(0x0a, position);
    const terminated = end !== -1 && end < limit;
    if (!terminated) end = limit;
    let lineEnd = end;
    if (lineEnd > position && raw[lineEnd - 1] === 0x0d) lineEnd -= 1;
    const next = terminated ? end + 1 : end;

    if (lineEnd === position) {
      flush();
      return { headers, bodyOffset: next, complete: true };
    }
    const line = decodeLine(raw.subarray(position, lineEnd));
    const first = line.charCodeAt(0);
    if ((first === 0x20 || first === 0x09) && name) {
      value += line;
    } else {
      flush();
      const colon = line.indexOf(':');
      const field = colon > 0 ? line.slice(0, colon).trimEnd() : '';
      // A line that is not a field ends the header block: mail without the blank
      // line before its body exists, and garbage must not be read as headers.
      if (!fieldName.test(field)) {
        return { headers, bodyOffset: position, complete: false };
      }
      name = field.toLowerCase();
      value = line.slice(colon + 1);
    }
    position = next;
  }
  flush();
  return { headers, bodyOffset: position, complete: false };
}

function decodeLine(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}
