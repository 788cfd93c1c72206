import { ThreadlineError } from '../core/errors.js';

/** A keyset position in a list of threads ordered by last activity, then id. */
export interface ThreadCursor {
  at: string;
  threadId: string;
}

/** PostgreSQL's ISO text form of a timestamptz, as the cursor carries it. */
const timestampText = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:\d{2})?|Z)?$/;

export function encodeThreadCursor(cursor: ThreadCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.threadId])).toString('base64url');
}

/** Only what this API handed out decodes; anything else is a VALIDATION_FAILED. */
export function decodeThreadCursor(raw: string): ThreadCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      timestampText.test(parsed[0])
    ) {
      return { at: parsed[0], threadId: parsed[1] };
    }
  } catch {
    // Falls through to the one error below.
  }
  throw new ThreadlineError('VALIDATION_FAILED', 'cursor: not a cursor this API returned');
}
