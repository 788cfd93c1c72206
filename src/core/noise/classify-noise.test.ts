import { describe, expect, it } from 'vitest';
import { classifyNoise } from './classify-noise.js';
import { mailAddress, messageForTest } from '../../../test/support/message-for-test.js';

describe('precedence when several signals fire', () => {
  const report = {
    contentType: 'multipart/report',
    deliveryReport: { reportType: 'delivery-status', failedRecipients: [] },
  };

  it('ranks a bounce above an automatic reply and list headers', () => {
    const verdict = classifyNoise(
      messageForTest({
        ...report,
        headers: { 'Auto-Submitted': 'auto-replied', 'List-Id': '<l.example>' },
      }),
    );
    expect(verdict.category).toBe('bounce');
  });

  it('ranks a calendar reply above an automatic reply and a no-reply sender', () => {
    const verdict = classifyNoise(
      messageForTest({
        calendar: { method: 'REPLY', asAttachment: false },
        sender: mailAddress('calendar-notification@google.com'),
        headers: { 'Auto-Submitted': 'auto-generated' },
      }),
    );
    expect(verdict.category).toBe('calendar_reply');
  });

  it('ranks an automatic reply above a meeting invitation', () => {
    const verdict = classifyNoise(
      messageForTest({
        calendar: { method: 'REQUEST', asAttachment: false },
        subject: 'Automatic reply: Demo',
      }),
    );
    expect(verdict.category).toBe('auto_reply');
  });

  it('ranks a meeting above a no-reply calendar service', () => {
    const verdict = classifyNoise(
      messageForTest({
        calendar: { method: 'REQUEST', asAttachment: false },
        sender: mailAddress('calendar-notification@google.com'),
      }),
    );
    expect(verdict.category).toBe('meeting');
  });

  it('ranks a campaign above a no-reply sender', () => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'noreply@shop.example',
        headers: { 'List-Unsubscribe': '<u>', 'X-Campaign': '1' },
      }),
    );
    expect(verdict.category).toBe('newsletter');
  });

  it('ranks a no-reply sender above bare list headers (notification services add them for muting)', () => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'notifications@github.com',
        headers: { 'List-Id': '<r.example>', 'List-Unsubscribe': '<u>' },
      }),
    );
    expect(verdict).toMatchObject({
      category: 'noreply_notification',
      reasons: ['sender notifications@github.com'],
    });
  });

  it('lets a no-reply sender explain Auto-Submitted: auto-generated', () => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'jira-notifications@x.example',
        headers: { 'Auto-Submitted': 'auto-generated' },
      }),
    );
    expect(verdict.category).toBe('noreply_notification');
  });

  it('still ranks Auto-Submitted: auto-replied above a newsletter', () => {
    const verdict = classifyNoise(
      messageForTest({ headers: { 'Auto-Submitted': 'auto-replied', 'List-Unsubscribe': '<u>' } }),
    );
    expect(verdict.category).toBe('auto_reply');
  });

  it('leaves an ordinary mail human with no reasons', () => {
    expect(classifyNoise(messageForTest())).toEqual({
      category: 'human',
      reasons: [],
      failedRecipients: [],
    });
  });
});
