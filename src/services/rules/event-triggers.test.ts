import { describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { schedulingMail } from '../../../test/support/calendar-objects.js';
import { rawMail, useRulesWorld } from '../../../test/support/rules-world.js';
import type { WorkflowRuleFields } from '../../adapters/db/repositories/workflow-rules.js';
import { checkDueFollowUps, fireTrackedEvents, runMessageRules } from './rule-runner.js';
import { checkTrackedEvents } from './tracked-events-check.js';

const since = new Date('2025-01-01T00:00:00Z');
const now = new Date('2025-03-20T12:00:00Z');

/** A meeting request or cancellation from Grace to Rita. */
const scheduling = (fields: { id: string; method: 'REQUEST' | 'CANCEL'; date: string }) =>
  schedulingMail({
    uid: 'renewal-2025@acme.com',
    id: `<${fields.id}>`,
    from: 'Grace Hopper <grace.hopper@acme.com>',
    to: 'Rita Rep <rita@threadline.example>',
    method: fields.method,
    sequence: fields.method === 'CANCEL' ? 1 : 0,
    start: '20250325T140000',
    attendees: ['ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:rita@threadline.example'],
    date: new Date(fields.date).toUTCString(),
    ...(fields.method === 'CANCEL' ? { status: 'CANCELLED' } : {}),
  });

const question = rawMail({
  from: 'Grace Hopper <grace.hopper@acme.com>',
  subject: 'Licences',
  id: 'licences@acme.com',
  date: '2025-03-05T09:00:00Z',
  body: 'Hi Rita, how many licences do we have left on our plan?',
});

describe.each(testBackends())(
  'follow-up, meeting and tracking triggers on the %s backend',
  (backend) => {
    const t = useRulesWorld(backend, since);
    const switchedOn = (fields: WorkflowRuleFields) => t.switchedOn(fields);

    const notifications = () =>
      t.core.database.query<{ userId: string; text: string }>(
        `SELECT user_id AS "userId", text FROM notifications ORDER BY created_at, text`,
      );
    const notifyRita = (kind: WorkflowRuleFields['trigger'], note: string): WorkflowRuleFields => ({
      name: note,
      trigger: kind,
      conditions: [],
      actions: [{ kind: 'notify', to: { kind: 'user', userId: t.world.people.rita }, note }],
    });
    const threadOf = async (messageKey: string) =>
      (
        await t.core.database.query<{ id: string; threadId: string }>(
          `SELECT id, thread_id AS "threadId" FROM messages WHERE split_part(message_key, ' ', 1) = $1`,
          [messageKey],
        )
      )[0]!;

    it('fires once when a follow-up falls due without a reply, not before and not again', async () => {
      await switchedOn(notifyRita({ kind: 'follow_up_due' }, 'Follow-up due'));
      await t.world.deliver(question);
      const rita = (await t.core.auth.findUserByEmail('rita@threadline.example'))!;
      const { threadId } = await threadOf('<licences@acme.com>');
      await t.core.review.followUp(rita, threadId, { remindAt: new Date('2025-03-19T09:00:00Z') });
      expect(
        await checkDueFollowUps(t.core.database, new Date('2025-03-19T08:59:00Z')),
      ).toMatchObject({ fired: 0 });
      expect(await checkDueFollowUps(t.core.database, now)).toMatchObject({
        messages: 1,
        fired: 1,
      });
      expect(await checkDueFollowUps(t.core.database, now)).toMatchObject({
        fired: 0,
        alreadyFired: 1,
      });
      expect(await notifications()).toEqual([
        { userId: t.world.people.rita, text: expect.stringContaining('Follow-up due') },
      ]);
    });

    it('does not fire for a follow-up that was cancelled', async () => {
      await switchedOn(notifyRita({ kind: 'follow_up_due' }, 'Follow-up due'));
      await t.world.deliver(question);
      const rita = (await t.core.auth.findUserByEmail('rita@threadline.example'))!;
      const { threadId } = await threadOf('<licences@acme.com>');
      const set = await t.core.review.followUp(rita, threadId, {
        remindAt: new Date('2025-03-19T09:00:00Z'),
      });
      await t.core.review.cancelFollowUp(rita, set.id);
      expect(await checkDueFollowUps(t.core.database, now)).toMatchObject({
        messages: 0,
        fired: 0,
      });
    });

    it('fires a booked and a cancelled meeting rule once each, from the mail that carried them', async () => {
      await switchedOn(notifyRita({ kind: 'meeting_booked' }, 'Meeting booked'));
      await switchedOn(notifyRita({ kind: 'meeting_cancelled' }, 'Meeting cancelled'));
      await t.world.deliver(
        scheduling({ id: 'invite@acme.com', method: 'REQUEST', date: '2025-03-05T09:00:00Z' }),
      );
      expect(await runMessageRules(t.core.database, now, { settleSeconds: 0 })).toMatchObject({
        fired: 1,
      });
      await t.world.deliver(
        scheduling({ id: 'cancel@acme.com', method: 'CANCEL', date: '2025-03-06T09:00:00Z' }),
      );
      expect(await runMessageRules(t.core.database, now, { settleSeconds: 0 })).toMatchObject({
        fired: 1,
      });
      expect((await notifications()).map((n) => n.text)).toEqual([
        expect.stringContaining('Meeting booked'),
        expect.stringContaining('Meeting cancelled'),
      ]);
      const firings = await t.core.database.query<{ eventKey: string }>(
        `SELECT event_key AS "eventKey" FROM rule_firings ORDER BY event_key`,
      );
      expect(firings.map((f) => f.eventKey)).toEqual([
        'meeting_booked:renewal-2025@acme.com|',
        'meeting_cancelled:renewal-2025@acme.com|',
      ]);
    });

    it('fires on a tracked open once per message and a click once per link', async () => {
      await switchedOn(notifyRita({ kind: 'tracked_open' }, 'Opened'));
      await switchedOn(notifyRita({ kind: 'tracked_click' }, 'Clicked'));
      await t.world.deliver(question);
      const { id } = await threadOf('<licences@acme.com>');
      const open = () =>
        fireTrackedEvents(t.core.database, now, [{ messageId: id, action: 'open' }]);
      const click = (url: string) =>
        fireTrackedEvents(t.core.database, now, [{ messageId: id, action: 'click', url }]);
      expect(await open()).toMatchObject({ fired: 1 });
      expect(await open()).toMatchObject({ fired: 0, alreadyFired: 1 });
      expect(await click('https://threadline.example/pricing')).toMatchObject({ fired: 1 });
      expect(await click('https://threadline.example/pricing')).toMatchObject({ fired: 0 });
      expect(await click('https://threadline.example/docs')).toMatchObject({ fired: 1 });
      expect((await notifications()).map((n) => n.text).sort()).toEqual([
        expect.stringContaining('Clicked'),
        expect.stringContaining('Clicked'),
        expect.stringContaining('Opened'),
      ]);
    });

    it('fires a batch of tracked events once each, repeats within the batch included', async () => {
      await switchedOn(notifyRita({ kind: 'tracked_open' }, 'Opened'));
      await switchedOn(notifyRita({ kind: 'tracked_click' }, 'Clicked'));
      await t.world.deliver(question);
      const { id } = await threadOf('<licences@acme.com>');
      const pricing = 'https://threadline.example/pricing';
      const batch = [
        { messageId: id, action: 'open' as const },
        { messageId: id, action: 'click' as const, url: pricing },
        { messageId: id, action: 'open' as const },
        { messageId: id, action: 'click' as const, url: pricing },
        { messageId: '00000000-0000-4000-8000-000000000099', action: 'open' as const },
      ];
      expect(await fireTrackedEvents(t.core.database, now, batch)).toEqual({
        messages: 1,
        fired: 2,
        alreadyFired: 0,
      });
      expect(await fireTrackedEvents(t.core.database, now, batch)).toMatchObject({ fired: 0 });
      expect((await notifications()).map((n) => n.text).sort()).toEqual([
        expect.stringContaining('Clicked'),
        expect.stringContaining('Opened'),
      ]);
    });

    it('fires nothing for a tracked event about a message that is not stored', async () => {
      await switchedOn(notifyRita({ kind: 'tracked_open' }, 'Opened'));
      expect(
        await fireTrackedEvents(t.core.database, now, [
          { messageId: '00000000-0000-4000-8000-000000000099', action: 'open' },
        ]),
      ).toEqual({ messages: 0, fired: 0, alreadyFired: 0 });
    });

    /** The message as sent tracked with one link, and the events the tracking stored for it. */
    const storedEvents = async (
      messageId: string,
      events: readonly { kind: 'open' | 'click'; at: string; verdict?: string }[],
    ) => {
      const [outbox] = await t.core.database.query<{ id: string }>(
        `INSERT INTO outbox (sender_id, mailbox_id, message_id, message, send_at)
         SELECT $1, $2, m.message_id, '{}', $3 FROM messages m WHERE m.id = $4 RETURNING id`,
        [t.world.people.rita, t.world.mailbox.id, since, messageId],
      );
      const [tracked] = await t.core.database.query<{ id: string }>(
        `INSERT INTO tracked_messages (id, outbox_id, links, recipients)
         VALUES (gen_random_uuid(), $1, ARRAY['https://threadline.example/pricing'], ARRAY['grace.hopper@acme.com'])
         RETURNING id`,
        [outbox!.id],
      );
      return addEvents(tracked!.id, events);
    };
    const trackedPass = (at = now) => checkTrackedEvents(t.core.database, at);
    const addEvents = async (
      trackedId: string,
      events: readonly { kind: 'open' | 'click'; at: string; verdict?: string }[],
    ) => {
      for (const event of events) {
        await t.core.database.query(
          `INSERT INTO tracking_events (tracked_message_id, kind, link, at, verdict, reason, user_agent)
           VALUES ($1, $2, $3, $4, $5, 'test', 'Mozilla/5.0')`,
          [
            trackedId,
            event.kind,
            event.kind === 'click' ? 0 : null,
            event.at,
            event.verdict ?? 'human',
          ],
        );
      }
      return trackedId;
    };

    it('fires on people’s stored opens and clicks the tracking did not tell the rules of, once each', async () => {
      await switchedOn(notifyRita({ kind: 'tracked_open' }, 'Opened'));
      await switchedOn(notifyRita({ kind: 'tracked_click' }, 'Clicked'));
      await t.world.deliver(question);
      const { id } = await threadOf('<licences@acme.com>');
      const tracked = await storedEvents(id, [
        { kind: 'click', at: '2025-03-06T08:00:00Z', verdict: 'machine' },
        { kind: 'open', at: '2025-03-06T09:00:00Z' },
        { kind: 'open', at: '2025-03-06T09:05:00Z' },
        { kind: 'click', at: '2025-03-06T09:06:00Z' },
      ]);
      expect(await trackedPass()).toEqual({ messages: 1, fired: 2, alreadyFired: 0 });
      expect(await trackedPass()).toEqual({ messages: 0, fired: 0, alreadyFired: 0 });
      await addEvents(tracked, [{ kind: 'open', at: '2025-03-07T09:00:00Z' }]);
      expect(await trackedPass()).toMatchObject({
        fired: 0,
        alreadyFired: 1,
      });
      expect((await notifications()).map((n) => n.text).sort()).toEqual([
        expect.stringContaining('Clicked'),
        expect.stringContaining('Opened'),
      ]);
    });

    it('does not fire again what the tracking told the rules of, nor fire a rule switched on after the event', async () => {
      await switchedOn(notifyRita({ kind: 'tracked_open' }, 'Opened'));
      const later = await t.core.workflowRules.create(
        t.world.people.admin,
        notifyRita({ kind: 'tracked_click' }, 'Clicked'),
      );
      await t.core.workflowRules.setEnabled(
        t.world.people.admin,
        later.id,
        true,
        new Date('2025-03-10T00:00:00Z'),
      );
      await t.world.deliver(question);
      const { id } = await threadOf('<licences@acme.com>');
      await fireTrackedEvents(t.core.database, now, [{ messageId: id, action: 'open' }]);
      await storedEvents(id, [
        { kind: 'open', at: '2025-03-06T09:00:00Z' },
        { kind: 'click', at: '2025-03-06T09:06:00Z' },
      ]);
      expect(await trackedPass()).toEqual({ messages: 1, fired: 0, alreadyFired: 1 });
      expect((await notifications()).map((n) => n.text)).toEqual([
        expect.stringContaining('Opened'),
      ]);
    });

    it('reads them in the rule worker’s every pass', async () => {
      await switchedOn(notifyRita({ kind: 'tracked_open' }, 'Opened'));
      await t.world.deliver(question);
      await storedEvents((await threadOf('<licences@acme.com>')).id, [
        { kind: 'open', at: '2025-03-06T09:00:00Z' },
      ]);
      expect((await t.core.ruleWorker.runOnce()).tracked).toMatchObject({ fired: 1 });
      expect((await t.core.ruleWorker.runOnce()).tracked).toMatchObject({ fired: 0 });
    });

    it('leaves an event not settled yet for a later pass', async () => {
      await switchedOn(notifyRita({ kind: 'tracked_open' }, 'Opened'));
      await t.world.deliver(question);
      const { id } = await threadOf('<licences@acme.com>');
      await storedEvents(id, [{ kind: 'open', at: now.toISOString() }]);
      expect(await trackedPass()).toMatchObject({ fired: 0 });
      const afterSettling = new Date(now.getTime() + 10_000);
      expect(await trackedPass(afterSettling)).toMatchObject({ fired: 1 });
    });

    it('passes over an event whose message is not stored, and goes on past it', async () => {
      await switchedOn(notifyRita({ kind: 'tracked_open' }, 'Opened'));
      await t.world.deliver(question);
      const { id } = await threadOf('<licences@acme.com>');
      const tracked = await storedEvents(id, [{ kind: 'open', at: '2025-03-06T09:00:00Z' }]);
      await t.core.database.query(
        `UPDATE outbox SET message_id = '<not-captured@x>' WHERE id = (SELECT outbox_id FROM tracked_messages WHERE id = $1)`,
        [tracked],
      );
      expect(await trackedPass()).toMatchObject({ fired: 0 });
      await t.core.database.query(
        `UPDATE outbox SET message_id = m.message_id FROM messages m WHERE m.id = $1`,
        [id],
      );
      await addEvents(tracked, [{ kind: 'open', at: '2025-03-06T10:00:00Z' }]);
      expect(await trackedPass()).toMatchObject({ fired: 1 });
    });
  },
);
