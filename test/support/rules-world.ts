import type { App } from '../../src/app/open-app.js';
import type { MailboxRow } from '../../src/adapters/db/repositories/mailboxes.js';
import { mailboxSessionOpener } from '../../src/services/sync/open-mailbox-session.js';
import { syncMailboxOnce } from '../../src/services/sync/sync-mailbox.js';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { WorkflowRuleFields } from '../../src/adapters/db/repositories/workflow-rules.js';
import type { Backend } from './backends.js';
import { startDovecot, type DovecotServer } from './dovecot.js';
import { openTestApp } from './test-app.js';
import { imapMailboxInput, importRealisticCrm } from './mail-fixtures.js';

/** Test data only: a raw message with these headers and body. */
export function rawMail(fields: {
  from: string;
  subject: string;
  id: string;
  date: string;
  body: string;
  to?: string;
  inReplyTo?: string;
}): string {
  return [
    `From: ${fields.from}`,
    `To: ${fields.to ?? 'Rita Rep <rita@threadline.example>'}`,
    `Subject: ${fields.subject}`,
    `Message-ID: <${fields.id}>`,
    ...(fields.inReplyTo ? [`In-Reply-To: <${fields.inReplyTo}>`] : []),
    `Date: ${new Date(fields.date).toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    fields.body,
    '',
  ].join('\r\n');
}

/** Test data only: mail from the n-th unknown sender (1 to 9), each from a company of their own. */
export function newcomerMail(n: number): string {
  return rawMail({
    from: `Person ${n} <person${n}@company${n}.example>`,
    subject: `Hello ${n}`,
    id: `hello${n}@company${n}.example`,
    date: `2025-03-0${n}T10:00:00Z`,
    body: 'Hi Rita, we met at the fair and I would like to talk about your platform.',
  });
}

/**
 * Rita's real IMAP mailbox on a test Dovecot, the realistic CRM, and a third
 * rep: what the workflow rule tests act on. `deliver` appends messages to her
 * INBOX and syncs them in.
 */
export async function rulesWorld(core: App, dovecot: DovecotServer, user: string) {
  await importRealisticCrm(core);
  const password = 'imap-Pa55word!';
  await dovecot.addUser(user, password);
  await core.database.query(
    `INSERT INTO users (email, name, role, manager_id)
     SELECT 'rosa@threadline.example', 'Rosa Rep', 'rep', id FROM users WHERE email = 'max@threadline.example'`,
  );
  const idOf = async (email: string) =>
    (
      await core.database.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = $1', [
        email,
      ])
    )[0]!.id;
  const people = {
    rita: await idOf('rita@threadline.example'),
    ravi: await idOf('ravi@threadline.example'),
    rosa: await idOf('rosa@threadline.example'),
    max: await idOf('max@threadline.example'),
    admin: await core.auth.findUserByEmail('admin@threadline.test'),
  };
  const mailbox: MailboxRow = await core.mailboxes.create(
    people.rita,
    imapMailboxInput({ host: dovecot.host, port: dovecot.port, user, password }),
  );
  const deps = {
    database: core.database,
    ingest: core.ingest,
    clock: core.clock,
    openSession: mailboxSessionOpener(core.mailboxes, () => Date.now()),
  };
  return {
    people: { ...people, admin: people.admin! },
    mailbox,
    user,
    async deliver(...raws: string[]) {
      for (const raw of raws) await dovecot.appendMessage(user, 'INBOX', raw);
      const report = await syncMailboxOnce(deps, mailbox.id, { worker: 'test' });
      if (report.status !== 'done') throw new Error(`sync: ${JSON.stringify(report)}`);
    },
    /** Syncs again without new mail (a re-sync, or the pass after a UIDVALIDITY change). */
    async resync() {
      const report = await syncMailboxOnce(deps, mailbox.id, { worker: 'test' });
      if (report.status !== 'done') throw new Error(`sync: ${JSON.stringify(report)}`);
    },
  };
}

/**
 * For a `describe` on one backend: a Dovecot for the block, and before each
 * test a fresh app with its own rules world. `switchedOn` creates a rule as
 * the admin and switches it on for mail sent from `since`.
 */
export function useRulesWorld(backend: Backend, since: Date) {
  const state = {} as {
    dovecot: DovecotServer;
    core: App;
    world: Awaited<ReturnType<typeof rulesWorld>>;
  };
  beforeAll(async () => {
    state.dovecot = await startDovecot();
  }, 30_000);
  afterAll(async () => {
    await state.dovecot?.stop();
  });
  beforeEach(async () => {
    state.core = await openTestApp(backend);
    state.world = await rulesWorld(state.core, state.dovecot, `${backend}${(worldCount += 1)}`);
  }, 60_000);
  afterEach(async () => {
    await state.core.close();
  });
  let worldCount = 0;
  return Object.assign(state, {
    async switchedOn(fields: WorkflowRuleFields) {
      const rule = await state.core.workflowRules.create(state.world.people.admin, fields);
      await state.core.workflowRules.setEnabled(state.world.people.admin, rule.id, true, since);
      return rule;
    },
  });
}
