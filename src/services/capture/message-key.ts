import { createHash } from 'node:crypto';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Sync fetches at most this much of a message before deciding; imports hash the same prefix. */
export const keyPrefixBytes = 64 * 1024;

/**
 * The identity a message is stored under: its Message-ID as sent, else a
 * hash of its first 64 KB (all a header-first sync has fetched), so the same
 * message from two folders, two mailboxes or an import is stored once.
 */
export function messageKey(messageId: string | null, raw: Uint8Array): string {
  return messageId ?? `sha256:${sha256Hex(raw.subarray(0, keyPrefixBytes))}`;
}
