import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../adapters/crypto/tokens.js';
import { mailboxesRepository } from '../../adapters/db/repositories/mailboxes.js';
import { sessionsRepository } from '../../adapters/db/repositories/users.js';
import { isThreadlineError } from '../../core/errors.js';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../test/support/test-database.js';
import { createAuditLog } from '../sharing/audit-log.js';
import { syncMailboxOnce } from '../sync/sync-mailbox.js';
import { createAuthService, type AuthService } from './auth-service.js';
import { localOperator } from './local-operator.js';
import { createUserAdminService, type UserAdminService } from './user-admin.js';

const dayMs = 86_400_000;
const password = 'violet kites at dawn';

/** The error code a call ends with, or 'done'. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'done';
  } catch (error) {
    if (isThreadlineError(error)) return error.code;
    throw error;
  }
}

const notRead = (): never => {
  throw new Error('a paused mailbox is not read');
};

const tokenOf = (link: string) => new URL(link).hash.replace('#token=', '');

describe.each(testBackends())('user administration on the %s backend', (backend) => {
  let handle: TestDatabase;
  let auth: AuthService;
  let admin: UserAdminService;
  let now: Date;
  let adminId: string;

  beforeAll(async () => {
    handle = await openTestDatabase(backend);
    const clock = { now: () => now };
    auth = createAuthService(handle.database, clock);
    admin = createUserAdminService({
      database: handle.database,
      clock,
      auth,
      audit: createAuditLog(handle.database, clock),
      publicUrl: 'https://crm.example.test/',
    });
    now = new Date('2026-03-02T09:00:00Z');
    adminId = (await auth.addUser({ email: 'boss@threadline.test', role: 'admin', password: null }))
      .id;
  });
  beforeEach(() => {
    now = new Date('2026-03-02T09:00:00Z');
  });
  afterAll(async () => {
    await handle.drop();
  });

  const actionsOn = async (userId: string) =>
    (
      await handle.database.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE target_type = 'user' AND target_id = $1 ORDER BY id`,
        [userId],
      )
    ).map((row) => row.action);

  it('invites a user who sets a password once through the link and is signed in', async () => {
    const invited = await admin.invite(localOperator, {
      email: 'Nina@Threadline.test',
      name: 'Nina',
      role: 'manager',
    });
    expect(invited.link).toMatch(/^https:\/\/crm\.example\.test\/set-password#token=tlp_/);
    expect(invited.expiresAt).toEqual(new Date(now.getTime() + 7 * dayMs));
    expect(invited.user).toMatchObject({ email: 'nina@threadline.test', role: 'manager' });
    const stored = await handle.database.query<{ token_hash: string }>(
      'SELECT token_hash FROM password_links WHERE user_id = $1',
      [invited.user.id],
    );
    expect(stored.map((row) => row.token_hash)).not.toContain(tokenOf(invited.link));
    expect(await outcome(auth.signIn('nina@threadline.test', password, 'x'))).toBe(
      'UNAUTHENTICATED',
    );

    const signedIn = await admin.setPasswordWithLink(tokenOf(invited.link), password);
    expect(signedIn.user.email).toBe('nina@threadline.test');
    expect(await auth.userForSession(signedIn.sessionToken)).not.toBeNull();
    expect(await outcome(auth.signIn('nina@threadline.test', password, 'x'))).toBe('done');
    expect(await outcome(admin.setPasswordWithLink(tokenOf(invited.link), password))).toBe(
      'LINK_USED',
    );
    expect(await actionsOn(invited.user.id)).toEqual(['user.invite', 'user.password_set']);
    // Now that the user has a password, inviting again would take the account over.
    expect(await outcome(admin.invite(localOperator, { email: 'nina@threadline.test' }))).toBe(
      'CONFLICT',
    );
  });

  it('refuses an expired link, an unknown one and one a newer invitation replaced', async () => {
    const first = await admin.invite(localOperator, { email: 'omar@threadline.test' });
    const second = await admin.invite(localOperator, { email: 'omar@threadline.test' });
    expect(await outcome(admin.setPasswordWithLink(tokenOf(first.link), password))).toBe(
      'LINK_UNKNOWN',
    );
    expect(await outcome(admin.setPasswordWithLink('tlp_made-up', password))).toBe('LINK_UNKNOWN');
    now = new Date(second.expiresAt.getTime());
    expect(await outcome(admin.setPasswordWithLink(tokenOf(second.link), password))).toBe(
      'LINK_EXPIRED',
    );
    now = new Date(second.expiresAt.getTime() - 1);
    expect(await outcome(admin.setPasswordWithLink(tokenOf(second.link), password))).toBe('done');
  });

  it('applies the password policy and leaves the link usable after a refused password', async () => {
    const invited = await admin.invite(localOperator, { email: 'pia@threadline.test' });
    expect(await outcome(admin.setPasswordWithLink(tokenOf(invited.link), 'password123'))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await outcome(admin.setPasswordWithLink(tokenOf(invited.link), password))).toBe('done');
  });

  it('resets a password: sessions end at once, the old password works until the new one is set', async () => {
    const user = await auth.addUser({ email: 'quinn@threadline.test', password });
    const session = await auth.signIn(user.email, password, 'x');
    const token = await auth.createApiToken(user.email, 'script');
    const reset = await admin.resetPassword(localOperator, user.id);
    expect(await auth.userForSession(session.sessionToken)).toBeNull();
    expect(await outcome(auth.signIn(user.email, password, 'x'))).toBe('done');

    await admin.setPasswordWithLink(tokenOf(reset.link), 'amber lanterns over the bay');
    expect(await outcome(auth.signIn(user.email, password, 'x'))).toBe('UNAUTHENTICATED');
    expect(await auth.userForApiToken(token.token)).toBeNull();
    expect(await actionsOn(user.id)).toEqual(['user.password_reset', 'user.password_set']);
  });

  it('deactivates a user: no sign-in, sessions and tokens gone, mailboxes paused and not synced', async () => {
    const user = await auth.addUser({ email: 'rosa@threadline.test', password });
    const session = await auth.signIn(user.email, password, 'x');
    const token = await auth.createApiToken(user.email, 'script');
    const mailboxes = mailboxesRepository(handle.database);
    const mailboxId = await mailboxes.insert({
      ownerId: user.id,
      label: 'work',
      kind: 'imap',
      imap: null,
      smtp: null,
      credentials: null,
      folderChoice: null,
      activityWindowDays: 30,
      statsWindowDays: 180,
      dataScope: 'full',
      captureMode: 'auto',
      createContacts: false,
    });

    const deactivated = await admin.deactivate(localOperator, user.id);
    expect(deactivated.deactivatedAt).toEqual(now);
    expect(await auth.userForSession(session.sessionToken)).toBeNull();
    expect(await auth.userForApiToken(token.token)).toBeNull();
    expect(await outcome(auth.signIn(user.email, password, 'x'))).toBe('FORBIDDEN');
    expect(await outcome(auth.signIn(user.email, 'not the password', 'y'))).toBe('UNAUTHENTICATED');
    expect((await mailboxes.findById(mailboxId))?.pausedAt).toEqual(now);
    // A sign-in that raced the deactivation leaves a session that lets nobody in.
    await sessionsRepository(handle.database).create({
      tokenHash: hashToken('tls_raced'),
      userId: user.id,
      csrfToken: 'c',
      expiresAt: new Date(now.getTime() + dayMs),
    });
    expect(await auth.userForSession('tls_raced')).toBeNull();
    const report = await syncMailboxOnce(
      {
        database: handle.database,
        clock: { now: () => now },
        ingest: { prepareBatch: notRead, commitBatch: notRead },
        openSession: () => Promise.reject(new Error('a paused mailbox is not connected to')),
      },
      mailboxId,
      { worker: 'test' },
    );
    expect(report).toEqual({ status: 'paused' });
    // A pass that was running when the owner was deactivated leaves the mailbox paused.
    await mailboxes.setState(mailboxId, {
      state: 'live',
      code: null,
      message: null,
      attempt: 0,
      succeededAt: now,
    });
    expect((await mailboxes.findById(mailboxId))?.pausedAt).toEqual(now);

    await admin.reactivate(localOperator, user.id);
    expect(await outcome(auth.signIn(user.email, password, 'x'))).toBe('done');
    expect(await auth.userForApiToken(token.token)).toBeNull();
    expect((await mailboxes.findById(mailboxId))?.pausedAt).toBeNull();
    expect(await actionsOn(user.id)).toEqual(['user.deactivate', 'user.reactivate']);
  });

  it('keeps one active admin: the last may neither lose the role nor be deactivated', async () => {
    expect(await outcome(admin.update(localOperator, adminId, { role: 'rep' }))).toBe('LAST_ADMIN');
    expect(await outcome(admin.deactivate(localOperator, adminId))).toBe('LAST_ADMIN');
    const second = await auth.addUser({ email: 'sam@threadline.test', role: 'admin', password });
    await admin.deactivate(localOperator, second.id);
    // A deactivated admin does not count.
    expect(await outcome(admin.update(localOperator, adminId, { role: 'rep' }))).toBe('LAST_ADMIN');
    await admin.reactivate(localOperator, second.id);
    expect(await outcome(admin.update(localOperator, adminId, { role: 'manager' }))).toBe('done');
    expect(await outcome(admin.deactivate(localOperator, second.id))).toBe('LAST_ADMIN');
    await admin.update(localOperator, adminId, { role: 'admin' });
  });

  it('changes name, role and manager, refusing a manager loop and an unknown manager', async () => {
    const lead = await auth.addUser({ email: 'tara@threadline.test', role: 'manager', password });
    const rep = await auth.addUser({ email: 'uma@threadline.test', password });
    const session = await auth.signIn(rep.email, password, 'x');

    const changed = await admin.update(localOperator, rep.id, {
      name: 'Uma',
      managerId: lead.id,
    });
    expect(changed).toMatchObject({ name: 'Uma', role: 'rep', managerId: lead.id });
    // Name and manager leave the user signed in; a new role does not.
    expect(await auth.userForSession(session.sessionToken)).not.toBeNull();
    expect(await outcome(admin.update(localOperator, lead.id, { managerId: rep.id }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await outcome(admin.update(localOperator, rep.id, { managerId: rep.id }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      await outcome(
        admin.update(localOperator, rep.id, { managerId: '00000000-0000-4000-8000-000000000001' }),
      ),
    ).toBe('VALIDATION_FAILED');
    await admin.update(localOperator, rep.id, { role: 'manager' });
    expect(await auth.userForSession(session.sessionToken)).toBeNull();

    const [entry] = await handle.database.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'user.update' AND target_id = $1 ORDER BY id LIMIT 1`,
      [rep.id],
    );
    expect(entry?.details).toEqual({
      name: { from: '', to: 'Uma' },
      managerId: { from: null, to: lead.id },
    });
  });

  it('answers NOT_FOUND for a user who does not exist', async () => {
    const nobody = '00000000-0000-4000-8000-000000000002';
    const calls = [
      () => admin.update(localOperator, nobody, { name: 'x' }),
      () => admin.deactivate(localOperator, nobody),
      () => admin.reactivate(localOperator, nobody),
      () => admin.resetPassword(localOperator, nobody),
    ];
    for (const call of calls) expect(await outcome(call())).toBe('NOT_FOUND');
  });
});
