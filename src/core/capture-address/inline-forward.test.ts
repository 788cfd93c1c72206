import { describe, expect, it } from 'vitest';
import { findInlineForward, forwardedDate } from './inline-forward.js';

const gmail = [
  'Rita, see below.',
  '',
  '---------- Forwarded message ---------',
  'From: Grace Hopper <grace.hopper@acme.com>',
  'Date: Mon, Dec 7, 2026 at 10:00 AM',
  'Subject: Renewal quote',
  'To: Rita Rep <rita@threadline.example>',
  'Cc: Alan <alan@acme.com>, bob@acme.com',
  '',
  'Hi Rita,',
  'Could you send the renewal quote?',
  '',
  'Grace',
].join('\n');

const outlook = [
  'Forwarding for the record.',
  '',
  '________________________________',
  'From: Grace Hopper <grace.hopper@acme.com>',
  'Sent: Monday, December 7, 2026 10:00 AM',
  'To: Rita Rep <rita@threadline.example>; Alan Turing <alan@acme.com>',
  'Cc: bob@acme.com',
  'Subject: Renewal quote',
  '',
  'Hi Rita,',
  'Could you send the renewal quote?',
].join('\r\n');

const outlookMailto = [
  '-----Original Message-----',
  'From: Grace Hopper [mailto:grace.hopper@acme.com]',
  'Sent: Monday, December 7, 2026 10:00 AM',
  'To: Rita Rep',
  'Subject: Renewal quote',
  '',
  'Hi Rita',
].join('\n');

const outlookBare = [
  'FYI',
  '',
  '*From:* Grace Hopper <grace.hopper@acme.com>',
  '*Sent:* Monday, December 7, 2026 10:00 AM',
  '*To:* rita@threadline.example',
  '*Subject:* Renewal quote',
  '',
  'Hi Rita',
].join('\n');

const apple = [
  '',
  'Begin forwarded message:',
  '',
  'From: Grace Hopper <grace.hopper@acme.com>',
  'Subject: Renewal quote',
  'Date: 7 December 2026 at 10:00:00 CET',
  'To: Rita Rep <rita@threadline.example>',
  '',
  'Hi Rita,',
  'Could you send the renewal quote?',
].join('\n');

const appleQuoted = [
  'Begin forwarded message:',
  '',
  '> From: Grace Hopper <grace.hopper@acme.com>',
  '> Subject: Renewal quote',
  '> Date: 7 December 2026 at 10:00:00 CET',
  '> To: Rita Rep <rita@threadline.example>',
  '> ',
  '> Hi Rita,',
  '> Could you send the renewal quote?',
].join('\n');

const thunderbird = [
  'See below',
  '',
  '-------- Forwarded Message --------',
  'Subject: \tRenewal quote',
  'Date: \tMon, 7 Dec 2026 10:00:00 +0100',
  'From: \tGrace Hopper <grace.hopper@acme.com>',
  'To: \tRita Rep <rita@threadline.example>',
  '',
  'Hi Rita,',
  'Could you send the renewal quote?',
].join('\n');

describe('findInlineForward', () => {
  it('reads a Gmail forward: the quoted sender, recipients, date and subject, and the text below', () => {
    expect(findInlineForward(gmail)).toEqual({
      style: 'gmail',
      fields: {
        from: 'Grace Hopper <grace.hopper@acme.com>',
        to: 'Rita Rep <rita@threadline.example>',
        cc: 'Alan <alan@acme.com>, bob@acme.com',
        date: 'Mon, Dec 7, 2026 at 10:00 AM',
        subject: 'Renewal quote',
      },
      body: 'Hi Rita,\nCould you send the renewal quote?\n\nGrace',
    });
  });

  it('reads an Outlook forward under an underscore rule, with CRLF lines and recipients separated by semicolons', () => {
    expect(findInlineForward(outlook)).toEqual({
      style: 'outlook',
      fields: {
        from: 'Grace Hopper <grace.hopper@acme.com>',
        to: 'Rita Rep <rita@threadline.example>, Alan Turing <alan@acme.com>',
        cc: 'bob@acme.com',
        date: 'Monday, December 7, 2026 10:00 AM',
        subject: 'Renewal quote',
      },
      body: 'Hi Rita,\nCould you send the renewal quote?',
    });
  });

  it('turns Outlook’s [mailto:…] into an address an address parser reads', () => {
    expect(findInlineForward(outlookMailto)?.fields.from).toBe(
      'Grace Hopper <grace.hopper@acme.com>',
    );
  });

  it('finds an Outlook block with no rule above it, in bold labels, by its From and Sent lines', () => {
    expect(findInlineForward(outlookBare)).toMatchObject({
      style: 'outlook',
      fields: { from: 'Grace Hopper <grace.hopper@acme.com>', to: 'rita@threadline.example' },
      body: 'Hi Rita',
    });
  });

  it('reads an Apple Mail forward, plain or quoted with "> "', () => {
    const expected = {
      style: 'apple',
      fields: {
        from: 'Grace Hopper <grace.hopper@acme.com>',
        to: 'Rita Rep <rita@threadline.example>',
        cc: '',
        date: '7 December 2026 at 10:00:00 CET',
        subject: 'Renewal quote',
      },
      body: 'Hi Rita,\nCould you send the renewal quote?',
    };
    expect(findInlineForward(apple)).toEqual(expected);
    expect(findInlineForward(appleQuoted)).toEqual(expected);
  });

  it('reads a Thunderbird forward, labels and values separated by tabs', () => {
    expect(findInlineForward(thunderbird)).toEqual({
      style: 'thunderbird',
      fields: {
        from: 'Grace Hopper <grace.hopper@acme.com>',
        to: 'Rita Rep <rita@threadline.example>',
        cc: '',
        date: 'Mon, 7 Dec 2026 10:00:00 +0100',
        subject: 'Renewal quote',
      },
      body: 'Hi Rita,\nCould you send the renewal quote?',
    });
  });

  it('reads the German Gmail and Outlook labels', () => {
    const german = [
      '---------- Weitergeleitete Nachricht ---------',
      'Von: Grace Hopper <grace.hopper@acme.com>',
      'Date: Mo., 7. Dez. 2026 um 10:00 Uhr',
      'Betreff: Angebot',
      'An: <rita@threadline.example>',
      '',
      'Hallo',
    ].join('\n');
    expect(findInlineForward(german)).toMatchObject({
      style: 'gmail',
      fields: { from: 'Grace Hopper <grace.hopper@acme.com>', subject: 'Angebot' },
      body: 'Hallo',
    });
  });

  it('joins a folded header line to the field above it', () => {
    const folded = gmail.replace(
      'To: Rita Rep <rita@threadline.example>',
      'To: Rita Rep <rita@threadline.example>,\n  Ada <ada@acme.com>',
    );
    expect(findInlineForward(folded)?.fields.to).toBe(
      'Rita Rep <rita@threadline.example>, Ada <ada@acme.com>',
    );
  });

  it('takes the outermost forward when forwards are nested', () => {
    const nested = `${gmail}\n\n---------- Forwarded message ---------\nFrom: Older <old@acme.com>\n\nOld text`;
    const found = findInlineForward(nested);
    expect(found?.fields.from).toBe('Grace Hopper <grace.hopper@acme.com>');
    expect(found?.body).toContain('From: Older <old@acme.com>');
  });

  it('finds nothing in a message that forwards nothing', () => {
    expect(findInlineForward('Hi Grace,\n\nThe quote is attached.\n\nRita')).toBeNull();
    expect(findInlineForward('')).toBeNull();
  });

  it('ignores a marker without a From line below it', () => {
    expect(
      findInlineForward('---------- Forwarded message ---------\nSubject: x\n\nbody'),
    ).toBeNull();
  });

  it('does not take a reply’s quoted "From:" line alone for an Outlook block', () => {
    expect(findInlineForward('Thanks!\n\nFrom: Grace <grace@acme.com>\nhello')).toBeNull();
  });

  it('leaves an empty body when the block ends the message', () => {
    const bare = '---------- Forwarded message ---------\nFrom: Grace <grace@acme.com>';
    expect(findInlineForward(bare)).toMatchObject({ body: '', fields: { to: '', date: null } });
  });
});

describe('forwardedDate', () => {
  it.each([
    ['Mon, Dec 7, 2026 at 10:00 AM', '2026-12-07T10:00:00.000Z'],
    ['Monday, December 7, 2026 10:00 AM', '2026-12-07T10:00:00.000Z'],
    ['7 December 2026 at 10:00:00 CET', '2026-12-07T09:00:00.000Z'],
    ['7 December 2026 at 10:00:00 PST', '2026-12-07T18:00:00.000Z'],
    ['Mon, 7 Dec 2026 10:00:00 +0100', '2026-12-07T09:00:00.000Z'],
    ['07.12.2026 10:00', '2026-12-07T10:00:00.000Z'],
  ])('reads %s', (written, iso) => {
    expect(forwardedDate(written)?.toISOString()).toBe(iso);
  });

  it('is null for a date it cannot read, or none', () => {
    expect(forwardedDate('sometime last week')).toBeNull();
    expect(forwardedDate(null)).toBeNull();
    expect(forwardedDate('')).toBeNull();
  });
});
