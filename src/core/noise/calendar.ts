import type { ParsedMessage } from '../message.js';

export interface CalendarSignal {
  readonly category: 'calendar_reply' | 'meeting';
  readonly reasons: readonly string[];
}

/**
 * Calendar scheduling messages (iTIP, RFC 5546), judged by the METHOD of the
 * message's own calendar part. REPLY (accept, decline, tentative), CANCEL,
 * COUNTER, DECLINECOUNTER and REFRESH are `calendar_reply`: they change an
 * existing meeting rather than make an activity. REQUEST and ADD are `meeting`.
 * A calendar file merely attached to a mail, and PUBLISH (a shared event, no
 * scheduling), say nothing about the mail: null.
 */
export function detectCalendar(message: ParsedMessage): CalendarSignal | null {
  const calendar = message.calendar;
  if (!calendar || calendar.asAttachment) return null;
  const reasons = [`calendar METHOD:${calendar.method}`];
  switch (calendar.method) {
    case 'REPLY':
    case 'CANCEL':
    case 'COUNTER':
    case 'DECLINECOUNTER':
    case 'REFRESH':
      return { category: 'calendar_reply', reasons };
    case 'REQUEST':
    case 'ADD':
      return { category: 'meeting', reasons };
    default:
      return null;
  }
}
