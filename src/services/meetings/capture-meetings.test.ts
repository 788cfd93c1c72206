import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { schedulingMail } from '../../../test/support/calendar-objects.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { localOperator } from '../auth/local-operator.js';
import { importMailFiles } from '../capture/import-mail-files.js';
import { importCrmDirectory } from '../crm-csv/import-crm.js';
import { exportMessages, type ExportedMessage } from '../export/export-messages.js';

const uid = 'renewal-2026@acme.com';

const scheduling = (fields: Omit<Parameters<typeof schedulingMail>[0], 'uid'>) =>
  schedulingMail({ uid, ...fields });

const ritaInvited =
  'ATTENDEE;CN=Rita;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:rita@threadline.example';
const graceAttends =
  'ATTENDEE;CN=Grace Hopper;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:grace.hopper@acme.com';

const invitation = (id: string, sequence: number, start?: string) =>
  scheduling({
    id,
    from: 'Grace Hopper <grace.hopper@acme.com>',
    to: 'rita@threadline.example',
    method: 'REQUEST',
    sequence,
    attendees: [graceAttends, ritaInvited],
    ...(start ? { start } : {}),
  });

describe.each(testBackends())('meetings captured with mail on the %s backend', (backend) => {
  let core: App;
  let dir: string;
  let rita: Awaited<ReturnType<App['mailboxes']['importMailboxOf']>>;

  beforeEach(async () => {
    core = await openTestApp(backend);
    dir = await mkdtemp(join(tmpdir(), 'threadline-meetings-'));
    const report = await importCrmDirectory(core.database, 'test/fixtures/crm/realistic', {
      now: () => new Date(),
    });
    expect(report.errors).toEqual([]);
    await core.directory.invalidate();
    rita = await core.mailboxes.importMailboxOf('rita@threadline.example');
  });
  afterEach(async () => {
    await core.close();
    await rm(dir, { recursive: true });
  });

  let files = 0;
  const receive = async (content: string) => {
    files += 1;
    const path = join(dir, `${files}.eml`);
    await writeFile(path, content);
    await importMailFiles([path], rita, (m, items) => core.ingest.ingestBatch(m, items), {});
  };
  const meeting = async () => {
    const rows = await core.database.query<Record<string, unknown>>(
      `SELECT sequence, method, status, starts, ends, time_zone AS "timeZone", organizer
       FROM meetings WHERE uid = $1 AND recurrence_id = ''`,
      [uid],
    );
    const attendees = await core.database.query<Record<string, unknown>>(
      `SELECT email, partstat FROM meeting_attendees WHERE uid = $1 ORDER BY email`,
      [uid],
    );
    return { ...rows[0], attendees };
  };
  const exported = async () => {
    const lines: ExportedMessage[] = [];
    for await (const line of exportMessages(core.database, { ownerId: null })) lines.push(line);
    return lines;
  };

  it('captures an invitation as a meeting, with its calendar objects in the export', async () => {
    await receive(invitation('<invite-1@acme.com>', 0));
    expect(await meeting()).toEqual({
      sequence: 0,
      method: 'REQUEST',
      status: null,
      starts: '2026-03-04T13:00:00Z',
      ends: '2026-03-04T14:00:00Z',
      timeZone: 'Europe/Berlin',
      organizer: 'grace.hopper@acme.com',
      attendees: [
        { email: 'grace.hopper@acme.com', partstat: 'ACCEPTED' },
        { email: 'rita@threadline.example', partstat: 'NEEDS-ACTION' },
      ],
    });
    const [line] = await exported();
    expect(line).toMatchObject({
      messageId: '<invite-1@acme.com>',
      captured: true,
      category: 'meeting',
    });
    expect(line?.meetings).toEqual([
      {
        method: 'REQUEST',
        uid,
        sequence: 0,
        recurrenceId: null,
        allDay: false,
        start: '2026-03-04T13:00:00Z',
        end: '2026-03-04T14:00:00Z',
        timeZone: 'Europe/Berlin',
        summary: 'Renewal call',
        location: null,
        onlineUrl: null,
        organizer: 'grace.hopper@acme.com',
        attendees: [
          {
            email: 'grace.hopper@acme.com',
            name: 'Grace Hopper',
            role: 'CHAIR',
            partstat: 'ACCEPTED',
          },
          {
            email: 'rita@threadline.example',
            name: 'Rita',
            role: 'REQ-PARTICIPANT',
            partstat: 'NEEDS-ACTION',
          },
        ],
        status: null,
        rrule: null,
      },
    ]);
  });

  it('updates the meeting from a later invitation with a higher SEQUENCE, never from an older one', async () => {
    await receive(invitation('<invite-1@acme.com>', 1));
    await receive(invitation('<invite-2@acme.com>', 2, '20260305T090000'));
    await receive(invitation('<invite-0@acme.com>', 0, '20260301T090000'));
    expect(await meeting()).toMatchObject({ sequence: 2, starts: '2026-03-05T08:00:00Z' });
  });

  it('sets one attendee’s status from a reply, unless it answers an older SEQUENCE', async () => {
    await receive(invitation('<invite-1@acme.com>', 1));
    const reply = (id: string, sequence: number, partstat: string) =>
      scheduling({
        id,
        from: 'rita@threadline.example',
        to: 'grace.hopper@acme.com',
        method: 'REPLY',
        sequence,
        attendees: [`ATTENDEE;PARTSTAT=${partstat}:mailto:rita@threadline.example`],
      });
    await receive(reply('<reply-1@threadline.example>', 1, 'ACCEPTED'));
    await receive(reply('<reply-0@threadline.example>', 0, 'DECLINED'));
    expect((await meeting()).attendees).toEqual([
      { email: 'grace.hopper@acme.com', partstat: 'ACCEPTED' },
      { email: 'rita@threadline.example', partstat: 'ACCEPTED' },
    ]);
    const lines = await exported();
    expect(lines.find((line) => line.messageId === '<reply-1@threadline.example>')).toMatchObject({
      captured: false,
      category: 'calendar_reply',
      meetings: [{ method: 'REPLY', attendees: [{ partstat: 'ACCEPTED' }] }],
    });
  });

  it('cancels the meeting on a CANCEL', async () => {
    await receive(invitation('<invite-1@acme.com>', 0));
    await receive(
      scheduling({
        id: '<cancel-1@acme.com>',
        from: 'Grace Hopper <grace.hopper@acme.com>',
        to: 'rita@threadline.example',
        method: 'CANCEL',
        sequence: 1,
        attendees: [ritaInvited],
        status: 'CANCELLED',
      }),
    );
    expect(await meeting()).toMatchObject({ status: 'CANCELLED', method: 'CANCEL', sequence: 1 });
  });

  it('adds no meeting from an invitation that is not captured', async () => {
    await receive(
      scheduling({
        id: '<stranger@elsewhere.example>',
        from: 'someone@elsewhere.example',
        to: 'rita@threadline.example',
        method: 'REQUEST',
        sequence: 0,
        attendees: [ritaInvited],
      }),
    );
    expect(await meeting()).toEqual({ attendees: [] });
    expect(await exported()).toMatchObject([
      { captured: false, meetings: [{ method: 'REQUEST' }] },
    ]);
  });

  it('lets a meeting go with the message that stated it', async () => {
    await receive(invitation('<invite-1@acme.com>', 0));
    await core.database.query(`DELETE FROM messages WHERE message_id = '<invite-1@acme.com>'`);
    expect(await meeting()).toEqual({ attendees: [] });
  });

  it('keeps no trace of an erased attendee in meetings, and none of an erased organiser’s meeting', async () => {
    await receive(
      scheduling({
        id: '<invite-1@acme.com>',
        from: 'Grace Hopper <grace.hopper@acme.com>',
        to: 'rita@threadline.example',
        method: 'REQUEST',
        sequence: 0,
        attendees: [
          graceAttends,
          ritaInvited,
          'ATTENDEE;CN=Jürgen Klein:mailto:juergen.klein@acme.de',
        ],
      }),
    );
    await core.people.erasePerson(localOperator, { address: 'juergen.klein@acme.de' });
    expect((await meeting()).attendees).toEqual([
      { email: 'grace.hopper@acme.com', partstat: 'ACCEPTED' },
      { email: 'rita@threadline.example', partstat: 'NEEDS-ACTION' },
    ]);
    expect(JSON.stringify(await exported())).not.toMatch(/juergen|Jürgen/i);

    await core.people.erasePerson(localOperator, { address: 'grace.hopper@acme.com' });
    expect(await meeting()).toEqual({ attendees: [] });
  });

  it('drops the meetings of mail that becomes untracked', async () => {
    await receive(invitation('<invite-1@acme.com>', 0));
    await core.doNotTrack.add(localOperator, 'grace.hopper@acme.com');
    expect(await meeting()).toEqual({ attendees: [] });
    expect(await exported()).not.toContainEqual(
      expect.objectContaining({ meetings: expect.anything() }),
    );
  });

  it('exports no meetings field for a message without calendar objects', async () => {
    await receive(
      [
        'From: Grace Hopper <grace.hopper@acme.com>',
        'To: rita@threadline.example',
        'Subject: Renewal',
        'Date: Mon, 02 Mar 2026 10:00:00 +0000',
        'Message-ID: <plain@acme.com>',
        '',
        'See you soon.',
        '',
      ].join('\r\n'),
    );
    const [line] = await exported();
    expect(line).toMatchObject({ messageId: '<plain@acme.com>', captured: true });
    expect(line).not.toHaveProperty('meetings');
  });
});
