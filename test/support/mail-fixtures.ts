import type { App } from '../../src/app/open-app.js';
import { importCrmDirectory } from '../../src/services/crm-csv/import-crm.js';

/** Test data only: raw messages joined into one mbox file's content. */
export const mbox = (messages: readonly string[]) =>
  messages
    .map((m) => `From sender@example Mon Mar  3 10:00:00 2025\n${m.replace(/\r\n/g, '\n')}`)
    .join('\n');

/** Loads test/fixtures/crm/realistic into a core and refreshes its directory. */
export async function importRealisticCrm(core: Pick<App, 'database' | 'directory'>) {
  const report = await importCrmDirectory(core.database, 'test/fixtures/crm/realistic', {
    now: () => new Date(),
  });
  if (report.errors.length > 0) throw new Error(JSON.stringify(report.errors));
  await core.directory.invalidate();
}

/**
 * Test data only: a multipart/mixed message with a text part and its files,
 * base64 encoded in lines of 76 as mail carries them.
 */
export function mailWithFile(
  headers: readonly string[],
  text: string,
  ...files: { name: string; content: Uint8Array }[]
): string {
  const filePart = (file: { name: string; content: Uint8Array }) => [
    '--part',
    `Content-Type: application/octet-stream; name="${file.name}"`,
    `Content-Disposition: attachment; filename="${file.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(file.content).toString('base64').replace(/.{76}/g, '$&\r\n'),
  ];
  return [
    ...headers,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="part"',
    '',
    '--part',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    ...files.flatMap(filePart),
    '--part--',
    '',
  ].join('\r\n');
}

/** Test data only: what `mailboxes.create` takes for a password IMAP mailbox of INBOX alone, without SMTP. */
export function imapMailboxInput(server: {
  host: string;
  port: number;
  user: string;
  password: string;
}) {
  return {
    label: server.user,
    imap: {
      host: server.host,
      port: server.port,
      security: 'none' as const,
      user: server.user,
      allowSelfSigned: false,
    },
    auth: { kind: 'password' as const, password: server.password },
    smtp: null,
    folders: ['INBOX'],
    activityWindowDays: 30,
    statsWindowDays: 180,
    dataScope: 'full' as const,
    captureMode: 'auto' as const,
    createContacts: false,
  };
}

// One clock per test file: a message built twice must carry the same Date header, or it is two messages.
const fixturesStart = Date.now();

/** Test data only: question `n` from a CRM contact to Rita, with a Message-ID naming `user`. */
export const customerQuestion = (user: string, n: number) =>
  Buffer.from(
    [
      `From: Grace Hopper <grace.hopper@acme.com>`,
      'To: rita@threadline.example',
      `Subject: Question ${n}`,
      `Message-ID: <${user}-${n}@acme.com>`,
      `Date: ${new Date(fixturesStart - n * 60_000).toUTCString()}`,
      '',
      `Question ${n} ${'text '.repeat(200)}`,
      '',
    ].join('\r\n'),
  );

/**
 * Test data only: Rita forwarding Grace's message inline to `to` (her
 * capture address), as Gmail writes it, with a note of her own above it.
 */
export function ritaForwardsGrace(forward: {
  readonly to: string;
  readonly subject: string;
  readonly messageId: string;
  /** When Rita forwarded it, as a Date header. */
  readonly date: string;
  /** When Grace sent it, as Gmail writes it in the block. */
  readonly sentAt: string;
  readonly body: string;
}): string {
  return [
    'From: Rita Rep <rita@threadline.example>',
    `To: ${forward.to}`,
    `Subject: Fwd: ${forward.subject}`,
    `Message-ID: ${forward.messageId}`,
    `Date: ${forward.date}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'For the record.',
    '',
    '---------- Forwarded message ---------',
    'From: Grace Hopper <grace.hopper@acme.com>',
    `Date: ${forward.sentAt}`,
    `Subject: ${forward.subject}`,
    'To: Rita Rep <rita@threadline.example>',
    '',
    forward.body,
    '',
  ].join('\r\n');
}
