import { describe, expect, it } from 'vitest';
import { classifyNoise } from './classify-noise.js';
import { messageForTest } from '../../../test/support/message-for-test.js';

describe('bulk and marketing mail', () => {
  it('treats List-Unsubscribe as a newsletter', () => {
    const verdict = classifyNoise(
      messageForTest({ headers: { 'List-Unsubscribe': '<mailto:u@x.example>' } }),
    );
    expect(verdict).toEqual({
      category: 'newsletter',
      reasons: ['header List-Unsubscribe'],
      failedRecipients: [],
    });
  });

  it('treats List-Id as a newsletter', () => {
    expect(
      classifyNoise(messageForTest({ headers: { 'List-Id': '<news.x.example>' } })).category,
    ).toBe('newsletter');
  });

  it.each(['bulk', 'list', 'junk', 'BULK'])('treats Precedence: %s as a newsletter', (value) => {
    const verdict = classifyNoise(messageForTest({ headers: { Precedence: value } }));
    expect(verdict).toMatchObject({
      category: 'newsletter',
      reasons: [`header Precedence: ${value.toLowerCase()}`],
    });
  });

  it.each([
    ['X-Campaign', 'X-Campaign'],
    ['X-CampaignID', 'X-Campaign'],
    ['X-MC-User', 'X-MC-User'],
    ['X-CSA-Complaints', 'X-CSA-Complaints'],
    ['X-MarketoID', 'X-MarketoID'],
    ['X-Mailin-Campaign', 'X-Mailin-Campaign'],
  ])('treats the campaign header %s as a newsletter', (name, shown) => {
    const verdict = classifyNoise(messageForTest({ headers: { [name]: '123' } }));
    expect(verdict).toMatchObject({ category: 'newsletter', reasons: [`header ${shown}`] });
  });

  it('recognises marketing from a normal business domain and a personal-looking sender', () => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'dana.whitfield@acme-analytics.example',
        headers: {
          'X-CSA-Complaints': 'csa-complaints@eco.de',
          'List-Unsubscribe': '<mailto:u@x.example>',
        },
      }),
    );
    expect(verdict).toMatchObject({
      category: 'newsletter',
      reasons: ['header X-CSA-Complaints', 'header List-Unsubscribe'],
    });
  });

  // Sending services stamp receipts and a salesperson's tracked mail as well.
  it.each(['Feedback-ID', 'X-SG-EID', 'X-Mailgun-Sid', 'X-SES-Outgoing'])(
    'does not treat the sending-service header %s alone as bulk',
    (name) => {
      expect(classifyNoise(messageForTest({ headers: { [name]: 'x' } })).category).toBe('human');
    },
  );

  it('treats list headers with a sending service and no notification signal as a newsletter', () => {
    const verdict = classifyNoise(
      messageForTest({
        headers: { 'List-Unsubscribe': '<mailto:u@x.example>', 'X-SG-EID': 'abc' },
      }),
    );
    expect(verdict).toMatchObject({ category: 'newsletter', reasons: ['header List-Unsubscribe'] });
  });

  describe('discussion lists', () => {
    const groupPost = {
      'List-Id': '<partners.googlegroups.com>',
      'List-Post': '<mailto:partners@googlegroups.com>',
      'List-Unsubscribe': '<mailto:partners+unsubscribe@googlegroups.com>',
      Precedence: 'list',
    };

    it('treats a person writing through a discussion list as a list post, naming the list', () => {
      expect(classifyNoise(messageForTest({ headers: groupPost }))).toEqual({
        category: 'list',
        reasons: [
          'header List-Id: <partners.googlegroups.com>',
          'header List-Post',
          'list address partners@googlegroups.com',
        ],
        failedRecipients: [],
        listAddress: 'partners@googlegroups.com',
      });
    });

    it('treats an announcement list (List-Post: NO) as a newsletter', () => {
      const verdict = classifyNoise(
        messageForTest({ headers: { ...groupPost, 'List-Post': 'NO' } }),
      );
      expect(verdict.category).toBe('newsletter');
    });

    it('treats a campaign sent through a list with List-Post as a newsletter', () => {
      const verdict = classifyNoise(
        messageForTest({ headers: { ...groupPost, 'X-Campaign': 'spring' } }),
      );
      expect(verdict.category).toBe('newsletter');
    });
  });
});
