import { describe, expect, it } from 'vitest';
import { classifyNoise } from './classify-noise.js';
import { messageForTest } from '../../../test/support/message-for-test.js';

function withCalendar(method: string, asAttachment = false) {
  return messageForTest({ calendar: { method, asAttachment } });
}

describe('calendar messages', () => {
  it('treats METHOD:REPLY as a calendar reply', () => {
    expect(classifyNoise(withCalendar('REPLY'))).toEqual({
      category: 'calendar_reply',
      reasons: ['calendar METHOD:REPLY'],
      failedRecipients: [],
    });
  });

  it.each(['CANCEL', 'COUNTER', 'DECLINECOUNTER', 'REFRESH'])(
    'treats METHOD:%s as a calendar reply, naming the method',
    (method) => {
      expect(classifyNoise(withCalendar(method))).toMatchObject({
        category: 'calendar_reply',
        reasons: [`calendar METHOD:${method}`],
      });
    },
  );

  it('treats an inline METHOD:REQUEST as a meeting', () => {
    expect(classifyNoise(withCalendar('REQUEST'))).toMatchObject({
      category: 'meeting',
      reasons: ['calendar METHOD:REQUEST'],
    });
  });

  it('keeps a human mail that merely attaches an invitation or a cancellation human', () => {
    expect(classifyNoise(withCalendar('REQUEST', true)).category).toBe('human');
    expect(classifyNoise(withCalendar('CANCEL', true)).category).toBe('human');
  });

  // Apple Mail and Thunderbird attach their answer as a file.
  it('treats an answer attached as a file as a calendar reply', () => {
    expect(classifyNoise(withCalendar('REPLY', true)).category).toBe('calendar_reply');
  });

  it('reads the method of a top-level text/calendar when only the headers are known', () => {
    const verdict = classifyNoise(
      messageForTest({
        headers: { 'Content-Type': 'text/calendar; charset="utf-8"; method=REPLY' },
      }),
    );
    expect(verdict).toMatchObject({
      category: 'calendar_reply',
      reasons: ['calendar METHOD:REPLY'],
    });
  });

  it('keeps a published event (METHOD:PUBLISH) human', () => {
    expect(classifyNoise(withCalendar('PUBLISH')).category).toBe('human');
  });
});
