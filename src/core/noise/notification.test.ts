import { describe, expect, it } from 'vitest';
import { classifyNoise } from './classify-noise.js';
import { messageForTest } from '../../../test/support/message-for-test.js';

describe('machine reports and notices', () => {
  it('treats an ARF feedback report as a notification', () => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'staff@hotmail.com',
        contentType: 'multipart/report',
        deliveryReport: { reportType: 'feedback-report', failedRecipients: [] },
      }),
    );
    expect(verdict).toMatchObject({
      category: 'noreply_notification',
      reasons: ['multipart/report feedback-report'],
    });
  });

  it('treats a TLS report by its header', () => {
    const verdict = classifyNoise(
      messageForTest({ headers: { 'TLS-Report-Domain': 'northwind.example' } }),
    );
    expect(verdict).toMatchObject({
      category: 'noreply_notification',
      reasons: ['header TLS-Report-Domain: northwind.example'],
    });
  });

  it('treats a DMARC aggregate report by its subject or its file name', () => {
    expect(
      classifyNoise(
        messageForTest({
          subject: 'Report domain: northwind.example Submitter: google.com Report-ID: <1>',
        }),
      ).category,
    ).toBe('noreply_notification');
    const byFile = classifyNoise(
      messageForTest({
        subject: 'DMARC',
        attachments: [
          {
            filename: 'google.com!northwind.example!1740000000!1740086399.zip',
            contentType: 'application/zip',
            size: 900,
            contentHash: null,
            disposition: 'attachment',
            contentId: null,
          },
        ],
      }),
    );
    expect(byFile.reasons).toEqual(['DMARC aggregate report']);
  });

  it('treats a ticketing system by its headers', () => {
    const verdict = classifyNoise(
      messageForTest({ from: 'support@acme.zendesk.com', headers: { 'X-Zendesk-Email-Id': '1' } }),
    );
    expect(verdict).toMatchObject({
      category: 'noreply_notification',
      reasons: ['header X-Zendesk'],
    });
  });

  it.each([
    'This is an automated message, please do not reply to this email.',
    'Bitte antworten Sie nicht auf diese E-Mail.',
    'Merci de ne pas répondre à ce message.',
    'Do Not Share This Email\nThis email contains a secure link to DocuSign.',
    "If you didn't request this email, there's nothing to worry about.",
    'This email was sent automatically by the build server.',
  ])('treats a notice that says "%s" as a notification', (text) => {
    const verdict = classifyNoise(messageForTest({ from: 'billing@vendor.example', text }));
    expect(verdict.category).toBe('noreply_notification');
  });

  it('keeps a person asking people not to reply to all human', () => {
    const verdict = classifyNoise(
      messageForTest({ text: 'Please do not reply to all, just send me your dates.' }),
    );
    expect(verdict.category).toBe('human');
  });

  it('does not read notice wording into a reply that quotes one', () => {
    const verdict = classifyNoise(
      messageForTest({
        inReplyTo: ['<x@vendor.example>'],
        text: 'Thanks, paid today.\n\n> This is an automated message, please do not reply.',
      }),
    );
    expect(verdict.category).toBe('human');
  });
});
