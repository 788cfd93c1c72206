import { describe, expect, it } from 'vitest';
import { classifyNoise } from './classify-noise.js';
import { mailAddress, messageForTest } from '../../../test/support/message-for-test.js';
import { isNoReplyAddress } from './no-reply.js';

describe('no-reply and notification senders', () => {
  it.each([
    'noreply@x.example',
    'no-reply@x.example',
    'no_reply@x.example',
    'no.reply@x.example',
    'NoReply+billing@x.example',
    'donotreply@x.example',
    'do-not-reply@x.example',
    'notifications@x.example',
    'notification@x.example',
    'jira-notifications@x.atlassian.net',
    'notify@x.example',
    'mailer@x.example',
    'alerts@x.example',
    'automated@x.example',
    'billing@noreply.x.example',
  ])('recognises %s', (address) => {
    expect(isNoReplyAddress(mailAddress(address).address)).toBe(true);
  });

  it.each([
    'ada@acme.example',
    'sales@acme.example',
    'noah@acme.example',
    'alerta.hr@acme.example',
  ])('leaves %s alone', (address) => {
    expect(isNoReplyAddress(address)).toBe(false);
  });

  it('treats a no-reply From as a notification', () => {
    expect(classifyNoise(messageForTest({ from: 'noreply@x.example' }))).toEqual({
      category: 'noreply_notification',
      reasons: ['sender noreply@x.example'],
      failedRecipients: [],
    });
  });

  it('treats a no-reply Sender as a notification', () => {
    const verdict = classifyNoise(
      messageForTest({ sender: mailAddress('notifications@x.example') }),
    );
    expect(verdict.reasons).toEqual(['sender notifications@x.example']);
  });

  it('treats a no-reply Reply-To as a notification, because no one reads the answers', () => {
    const verdict = classifyNoise(messageForTest({ replyTo: [mailAddress('no_reply@x.example')] }));
    expect(verdict).toMatchObject({
      category: 'noreply_notification',
      reasons: ['reply-to no_reply@x.example'],
    });
  });

  it('does not let a personal Reply-To rescue a no-reply From', () => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'noreply@forms.example',
        replyTo: [mailAddress('lead@prospect.example')],
      }),
    );
    expect(verdict.category).toBe('noreply_notification');
  });
});
