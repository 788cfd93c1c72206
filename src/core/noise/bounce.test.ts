import { describe, expect, it } from 'vitest';
import { classifyNoise } from './classify-noise.js';
import { messageForTest } from '../../../test/support/message-for-test.js';

describe('bounces and delivery reports', () => {
  it('treats a multipart/report delivery-status as a bounce with its failed recipients', () => {
    const verdict = classifyNoise(
      messageForTest({
        contentType: 'multipart/report',
        deliveryReport: { reportType: 'delivery-status', failedRecipients: ['gone@x.example'] },
      }),
    );
    expect(verdict).toEqual({
      category: 'bounce',
      reasons: ['multipart/report delivery-status'],
      failedRecipients: ['gone@x.example'],
    });
  });

  it('reads failed recipients from X-Failed-Recipients', () => {
    const verdict = classifyNoise(
      messageForTest({ headers: { 'X-Failed-Recipients': 'A@x.example, b@y.example' } }),
    );
    expect(verdict).toMatchObject({
      category: 'bounce',
      failedRecipients: ['a@x.example', 'b@y.example'],
    });
  });

  it('treats mail from MAILER-DAEMON as a bounce', () => {
    const verdict = classifyNoise(messageForTest({ from: 'MAILER-DAEMON@mx.example' }));
    expect(verdict).toMatchObject({
      category: 'bounce',
      reasons: ['sender mailer-daemon@mx.example'],
    });
  });

  it.each([
    'Undeliverable: Contract',
    'Delivery Status Notification (Failure)',
    'Mail delivery failed: returning message to sender',
    'Returned mail: see transcript for details',
    'Unzustellbar: Angebot',
    'Non remis : Devis',
  ])('treats the failure subject "%s" with a null return path as a bounce', (subject) => {
    const verdict = classifyNoise(messageForTest({ subject, returnPath: '' }));
    expect(verdict).toMatchObject({
      category: 'bounce',
      reasons: [`subject "${subject}"`, 'null return path'],
    });
  });

  it('treats a failure subject from postmaster as a bounce', () => {
    const verdict = classifyNoise(
      messageForTest({ subject: 'Undeliverable: Contract', from: 'postmaster@x.example' }),
    );
    expect(verdict.category).toBe('bounce');
  });

  it('does not treat a failure subject alone as a bounce', () => {
    expect(classifyNoise(messageForTest({ subject: 'Undeliverable: Contract' })).category).toBe(
      'human',
    );
  });

  it('keeps a person forwarding a bounce human', () => {
    const verdict = classifyNoise(
      messageForTest({ subject: 'FW: Undeliverable: Contract draft', returnPath: '' }),
    );
    expect(verdict.category).toBe('human');
  });

  // RFC 3834 tells responders to send with a null return path as well.
  it('does not treat a null return path alone as a bounce', () => {
    expect(classifyNoise(messageForTest({ returnPath: '' })).category).toBe('human');
  });
});
