import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../../test/support/backends.js';
import {
  mail,
  openSharingWorld,
  type Person,
  type SharingWorld,
} from '../../../../test/support/sharing-world.js';
import { canOpenBody, canReadMessage } from '../../../core/sharing/access.js';
import { readerOf } from '../../../services/mail-reads/mail-reads-service.js';
import { mailReadsRepository } from './mail-reads.js';
import { messageVisibilityRepository } from './message-visibility.js';

const people: Person[] = ['rita', 'ravi', 'max', 'ada', 'olga', 'mona'];
const owners: Person[] = ['rita', 'ravi'];

/** A small deterministic generator, so a failing scenario can be replayed by its number. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return <T>(choices: readonly T[]): T => choices[Math.floor(next() * choices.length)]!;
}

describe.each(testBackends())('the SQL visibility predicate on the %s backend', (backend) => {
  let world: SharingWorld;
  let messageId: string;
  let otherMessageId: string;
  let linkedDeal: string;
  let otherDeal: string;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    // Rita and Ravi both hold this message; Max is on it through an alias.
    const message = mail({
      id: '<both@acme.com>',
      from: 'grace.hopper@acme.com',
      to: 'rita@threadline.example, ravi@threadline.example',
      cc: 'maximilian@threadline.example',
      subject: 'Renewal for both of you',
      date: 'Mon, 03 Mar 2025 10:00:00 +0000',
    });
    await world.importMail('rita', message);
    await world.importMail('ravi', message);
    messageId = await world.messageId('<both@acme.com>');
    await world.importMail(
      'rita',
      mail({
        id: '<other@acme.com>',
        from: 'grace.hopper@acme.com',
        to: 'rita@threadline.example',
        subject: 'Another one',
        date: 'Mon, 03 Mar 2025 11:00:00 +0000',
      }),
    );
    otherMessageId = await world.messageId('<other@acme.com>');
    linkedDeal = await world.recordId('deals', 'DEAL-001');
    otherDeal = await world.recordId('deals', 'DEAL-003');
  }, 60_000);
  afterAll(async () => {
    await world.close();
  });

  it('agrees with the pure rules on every reader in 60 generated sharing set-ups', async () => {
    const db = world.core.database;
    const reads = mailReadsRepository(db);
    const visibility = messageVisibilityRepository(db);
    const readers = await Promise.all(
      people.map(async (p) =>
        readerOf((await world.core.auth.findUserByEmail(world.users[p].email))!),
      ),
    );
    let visibleSomewhere = 0;
    let hiddenSomewhere = 0;
    for (let scenario = 1; scenario <= 60; scenario += 1) {
      const pick = random(scenario);
      await db.exec(
        'DELETE FROM user_shares; DELETE FROM record_shares; DELETE FROM sharing_settings; DELETE FROM break_glass_grants',
      );
      for (const owner of owners) {
        const ownerId = world.users[owner].id;
        await db.query(
          `INSERT INTO sharing_settings (user_id, mode, excluded_domains) VALUES ($1, $2, $3)`,
          [
            ownerId,
            pick(['private', 'public', 'custom'] as const),
            pick([[], ['acme.com'], ['other.example']]),
          ],
        );
        await db.query(`UPDATE mailboxes SET data_scope = $2 WHERE owner_id = $1`, [
          ownerId,
          pick(['full', 'no_attachments', 'metadata'] as const),
        ]);
        await db.query(
          `UPDATE message_decisions SET captured = $3, held = $4,
               body_sha256 = CASE WHEN $5 THEN (SELECT m.body_sha256 FROM messages m WHERE m.id = $1)
                 ELSE 'a body of its own' END
             WHERE message_id = $1 AND mailbox_id IN (SELECT id FROM mailboxes WHERE owner_id = $2)`,
          [
            messageId,
            ownerId,
            pick([true, true, false]),
            pick([false, false, false, true]),
            pick([true, true, false]),
          ],
        );
        // Break-glass grants: to the admin or to a manager (who gains nothing), for this
        // message, another one, or all the owner's mail, expired or not.
        if (pick([false, true])) {
          const hours = pick([1, 1, -1]);
          await db.query(
            `INSERT INTO break_glass_grants (admin_id, admin_email, owner_id, message_id, whole_mailbox,
               reason, granted_at, expires_at)
             VALUES ($1, 'someone', $2, $3, $3::uuid IS NULL, 'a generated reason',
               now() - interval '2 hours', now() + $4 * interval '1 hour')`,
            [
              world.users[pick(['ada', 'ada', 'max'] as const)].id,
              ownerId,
              pick([messageId, null, otherMessageId]),
              hours,
            ],
          );
        }
        for (const grantee of people.filter((p) => p !== owner)) {
          if (pick([false, false, false, true])) {
            await db.query('INSERT INTO user_shares (owner_id, user_id) VALUES ($1, $2)', [
              ownerId,
              world.users[grantee].id,
            ]);
          }
          if (pick([false, false, true])) {
            await db.query(
              `INSERT INTO record_shares (owner_id, record_type, record_id, user_id) VALUES ($1, 'deal', $2, $3)`,
              [ownerId, pick([linkedDeal, otherDeal]), world.users[grantee].id],
            );
          }
        }
      }
      const copies = await visibility.copiesOf(messageId);
      const context = await visibility.contextOf(
        messageId,
        copies.map((c) => c.ownerId),
      );
      for (const reader of readers) {
        const where = `scenario ${scenario}, reader ${reader.addresses[0]}`;
        const sqlVisible = (await reads.visibleMessage(reader, messageId)) !== null;
        expect(sqlVisible, where).toBe(canReadMessage(reader, copies, context));
        expect(await reads.bodyOpen(reader, messageId), where).toBe(
          canOpenBody(reader, copies, context),
        );
        if (sqlVisible) visibleSomewhere += 1;
        else hiddenSomewhere += 1;
      }
    }
    // The generator must exercise both outcomes, or the agreement proves nothing.
    expect(visibleSomewhere).toBeGreaterThan(60);
    expect(hiddenSomewhere).toBeGreaterThan(60);
  }, 120_000);
});
