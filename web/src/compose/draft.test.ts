import { describe, expect, it } from 'vitest';
import {
  addressesOf,
  draftProblem,
  emptyDraft,
  plainTextOf,
  sendRequest,
  withTemplate,
} from './draft';

const fromContact = {
  record: { type: 'contact' as const, id: 'c1' },
  answer: null,
};

describe('the compose draft', () => {
  it('reads addresses separated by commas, semicolons and lines', () => {
    expect(addressesOf(' a@x.org, "B" <b@y.org>;\nc@z.org ,')).toEqual([
      'a@x.org',
      '"B" <b@y.org>',
      'c@z.org',
    ]);
  });

  it('names what is missing or wrong before sending', () => {
    expect(draftProblem(emptyDraft, fromContact)).toBe('Choose the mailbox to send from.');
    const draft = { ...emptyDraft, mailboxId: 'm1' };
    expect(draftProblem(draft, fromContact)).toBe('Add at least one recipient.');
    expect(draftProblem({ ...draft, cc: 'grace at acme' }, fromContact)).toBe(
      '"grace at acme" is not an e-mail address.',
    );
    expect(
      draftProblem(
        { ...draft, to: 'a@x.org', schedule: { localTime: '', timeZone: 'UTC' } },
        fromContact,
      ),
    ).toBe('Choose when to send it.');
  });

  it('lets a reply go to those the reply proposes, but not a forward', () => {
    const draft = { ...emptyDraft, mailboxId: 'm1' };
    const answer = (mode: 'reply' | 'forward') => ({
      record: null,
      answer: { messageId: 'x', mode },
    });
    expect(draftProblem(draft, answer('reply'))).toBeNull();
    expect(draftProblem(draft, answer('forward'))).toBe('Add at least one recipient.');
  });

  it('sends an HTML body with its plain-text part, the record, the schedule, the tracking wish and the template used', () => {
    const body = sendRequest(
      {
        ...emptyDraft,
        mailboxId: 'm1',
        to: 'grace@acme.com',
        subject: ' Renewal ',
        format: 'html',
        body: '<p>Hi Grace &amp; team,</p><p>Best<br>Rita</p>',
        uploads: [{ filename: 'a.txt', contentType: 'text/plain', contentBase64: 'YQ==', size: 1 }],
        stored: [{ messageId: 'msg', position: 0 }],
        schedule: { localTime: '2026-12-08T09:00', timeZone: 'America/New_York' },
        track: true,
        templateId: 't1',
      },
      fromContact,
    );
    expect(body).toEqual({
      mailboxId: 'm1',
      to: ['grace@acme.com'],
      cc: [],
      bcc: [],
      subject: 'Renewal',
      text: 'Hi Grace & team,\n\nBest\nRita',
      html: '<p>Hi Grace &amp; team,</p><p>Best<br>Rita</p>',
      answer: null,
      record: { type: 'contact', id: 'c1' },
      attachments: {
        uploads: [{ filename: 'a.txt', contentType: 'text/plain', contentBase64: 'YQ==' }],
        stored: [{ messageId: 'msg', position: 0 }],
      },
      sendAt: { localTime: '2026-12-08T09:00', timeZone: 'America/New_York' },
      track: true,
      templateId: 't1',
    });
  });

  it('takes a filled template’s HTML when it has one, else its text', () => {
    const draft = { ...emptyDraft, subject: 'kept' };
    expect(withTemplate(draft, { id: 't1', subject: '', text: 'Hi', html: null })).toMatchObject({
      templateId: 't1',
      subject: 'kept',
      format: 'text',
      body: 'Hi',
    });
    expect(
      withTemplate(draft, { id: 't2', subject: 'S', text: 'Hi', html: '<p>Hi</p>' }),
    ).toMatchObject({
      subject: 'S',
      format: 'html',
      body: '<p>Hi</p>',
    });
  });

  it('turns entities and breaks of HTML into text', () => {
    expect(plainTextOf('<div>1 &lt; 2&nbsp;&#38; 3</div>')).toBe('1 < 2 & 3');
  });
});
