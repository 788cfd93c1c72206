import { createHash } from 'node:crypto';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const maxHeaderBytes = 64 * 1024;
const maxKeyLength = 1000;

/**
 * The identity a message is stored under: its Message-ID as sent, else a
 * hash of its header block (Received, Date, From … make it unique), which a
 * header-first sync and a full fetch or import see alike, so the same
 * message from two folders, two mailboxes or an import is stored once.
 */
export function messageKey(messageId: string | null, raw: Uint8Array): string {
  if (messageId === null) return `sha256:${sha256Hex(headerBlock(raw))}`;
  // The key is unique in a btree, whose entries are limited to about 2.7 KB:
  // a longer (hostile or broken) Message-ID is stored under its hash.
  return messageId.length <= maxKeyLength
    ? messageId
    : `sha256-id:${sha256Hex(new TextEncoder().encode(messageId))}`;
}

function headerBlock(raw: Uint8Array): Uint8Array {
  const limit = Math.min(raw.length, maxHeaderBytes);
  for (let i = 0; i < limit - 1; i += 1) {
    if (raw[i] !== 0x0a) continue;
    if (raw[i + 1] === 0x0a) return raw.subarray(0, i);
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return raw.subarray(0, i);
  }
  return raw.subarray(0, limit);
}
