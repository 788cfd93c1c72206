import type { ParsedMessage } from '../message.js';
import { header } from './reasons.js';

export interface CalendarSignal {
  readonly category: 'calendar_reply' | 'meeting';
  readonly reasons: readonly string[];
}

const answers = new Set(['REPLY', 'COUNTER', 'DECLINECOUNTER', 'REFRESH']);

/**
 * Calendar scheduling messages (iTIP, RFC 5546), judged by the METHOD of the
 * message's calendar part, or of its top-level Content-Type when only the
 * headers were read. REPLY (accept, decline, tentative), CANCEL, COUNTER,
 * DECLINECOUNTER and REFRESH are `calendar_reply`: they change an existing
 * meeting rather than make an activity. REQUEST and ADD are `meeting`.
 *
 * An answer is an answer even when its client attaches the calendar as a file
 * (Apple Mail, Thunderbird): a person has no other reason to send a REPLY.
 * Any other calendar file attached to a mail, and PUBLISH (a shared event,
 * no scheduling), say nothing about the mail: null.
 */
export function detectCalendar(message: ParsedMessage): CalendarSignal | null {
  const method =
    message.calendar?.method ??
    /^text\/calendar\b.*;\s*method="?([a-z]+)/i.exec(header(message, 'content-type') ?? '')?.[1];
  if (!method) return null;
  const upper = method.toUpperCase();
  const reasons = [`calendar METHOD:${upper}`];
  if (answers.has(upper)) return { category: 'calendar_reply', reasons };
  if (message.calendar?.asAttachment) return null;
  switch (upper) {
    case 'CANCEL':
      return { category: 'calendar_reply', reasons };
    case 'REQUEST':
    case 'ADD':
      return { category: 'meeting', reasons };
    default:
      return null;
  }
}
