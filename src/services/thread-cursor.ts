import { ThreadlineError } from '../core/errors.js';

/** A keyset position in a list of threads ordered by last activity, then id. */
export interface ThreadCursor {
  at: string;
  threadId: string;
}

/** A keyset position in a list of messages ordered by date, then thread, then id. */
export interface MessageCursor extends ThreadCursor {
  id: string;
}

/** PostgreSQL's ISO text form of a timestamptz, as the cursor carries it. */
const timestampText = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:\d{2})?|Z)?$/;

function encode(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The cursor's strings, a timestamp first; anything else is a VALIDATION_FAILED. */
function decode(raw: string, count: number): string[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === count &&
      parsed.every((part) => typeof part === 'string') &&
      timestampText.test(parsed[0] as string)
    ) {
      return parsed;
    }
  } catch {
    // Falls through to the one error below.
  }
  throw new ThreadlineError('VALIDATION_FAILED', 'cursor: not a cursor this API returned');
}

export function encodeThreadCursor(cursor: ThreadCursor): string {
  return encode([cursor.at, cursor.threadId]);
}

/** Only what this API handed out decodes; anything else is a VALIDATION_FAILED. */
export function decodeThreadCursor(raw: string): ThreadCursor {
  const [at, threadId] = decode(raw, 2) as [string, string];
  return { at, threadId };
}

export function encodeMessageCursor(cursor: MessageCursor): string {
  return encode([cursor.at, cursor.threadId, cursor.id]);
}

/** Only what this API handed out decodes; anything else is a VALIDATION_FAILED. */
export function decodeMessageCursor(raw: string): MessageCursor {
  const [at, threadId, id] = decode(raw, 3) as [string, string, string];
  return { at, threadId, id };
}
