import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../adapters/db/database.js';
import { ruleEffectWrites } from '../../adapters/db/repositories/rule-effect-writes.js';
import {
  ruleFiringWrites,
  type FiringRecord,
  type NewNotification,
  type NewTask,
  type WebhookEvent,
  type WebhookSubscriptions,
} from '../../adapters/db/repositories/rule-firing-writes.js';
import type { Firing } from '../../core/rules/evaluate-rules.js';
import { firingKey, writesRecords } from '../../core/rules/firing-batches.js';
import { planEffects } from '../../core/rules/plan-effects.js';
import type { AssignmentContext } from './assignment-context.js';
import {
  describeEffect,
  resolveEffects,
  rotationOf,
  type EffectOutcome,
  type ResolvedEffect,
} from './resolve-effects.js';

const ownerTables = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  deal: 'deals',
} as const;

export interface FiringContext extends AssignmentContext {
  ruleName(ruleId: string): string;
}

/** An effect applied or waiting for its batch's statement: the record it made, or its task's place. */
interface Applied {
  readonly resolved: ResolvedEffect;
  readonly recordId?: string;
  readonly task?: number;
}

/**
 * Applies a batch of firings in one transaction, each exactly once: only
 * firings not recorded before (here or in another worker, before a restart
 * or a re-sync) act, and a key the batch holds twice acts once. Their tasks,
 * notifications, webhook events and firing records take one statement per
 * kind. Returns how many fired and how many had fired already.
 *
 * A batch of firings that only add rows of their own reads which firings
 * are recorded, works out what the others do, and records each with its
 * effects, in the statement that writes their tasks and notifications.
 * Should another worker record one of them meanwhile, the batch is rolled
 * back, its round-robin turns with it, and read again. Firings `expectNew`
 * (of mail no rule has read) skip that first read: the write finds any
 * recorded already, and only then is the batch read and tried again.
 * A firing that writes records (see `firingBatches`) is recorded first, so
 * that a worker that lost the race writes nothing, and its effects after.
 */
export async function applyFirings(
  db: Database,
  firings: readonly Firing[],
  context: FiringContext,
  now: Date,
  expectNew = false,
): Promise<{ fired: number; alreadyFired: number }> {
  if (firings.some(writesRecords)) {
    return db.transaction((tx) => applyBatch(tx, firings, context, now, 'record_first'));
  }
  for (let attempt = 1; ; attempt++) {
    const order = attempt === 1 && expectNew ? 'record_last_unread' : 'record_last';
    try {
      return await db.transaction((tx) => applyBatch(tx, firings, context, now, order));
    } catch (error) {
      if (!(error instanceof RecordedMeanwhile) || attempt >= recordAttempts) throw error;
    }
  }
}

/** Tries of a batch whose firings other workers keep recording first, before giving up. */
const recordAttempts = 5;

/** Another worker recorded one of the batch's firings between its read and its write. */
class RecordedMeanwhile extends Error {}

async function applyBatch(
  tx: Queryable,
  firings: readonly Firing[],
  context: FiringContext,
  now: Date,
  order: 'record_first' | 'record_last' | 'record_last_unread',
): Promise<{ fired: number; alreadyFired: number }> {
  const batch = ruleFiringWrites(tx);
  const fresh =
    order === 'record_first'
      ? onceEach(firings, await batch.recordFirings(rows(firings), now))
      : notRecorded(
          firings,
          order === 'record_last_unread' ? new Set() : await batch.recordedKeys(firings),
        );
  const resolved = await resolveBatch(tx, fresh, context, now);
  const applied: Applied[][] = [];
  const tasks: NewTask[] = [];
  const notes: NewNotification[] = [];
  for (const [index, firing] of fresh.entries()) {
    const effects: Applied[] = [];
    for (const effect of resolved[index]!) {
      effects.push(await applyEffect(tx, firing, effect, context, { tasks, notes }, now));
    }
    applied.push(effects);
  }
  const subscriptions = await batch.webhookSubscriptions();
  const described = fresh.map((firing, index) =>
    describeFiring(firing, context.ruleName(firing.ruleId), applied[index]!, tasks, subscriptions),
  );
  const outcomes = described.map((d) => d.outcomes);
  if (order !== 'record_first') {
    const recorded = await batch.recordWithRows(rows(fresh, outcomes), { tasks, notes }, now);
    if (recorded.size !== fresh.length) throw new RecordedMeanwhile();
  } else {
    await batch.createTasks(tasks);
    await batch.notify(notes, now);
  }
  await batch.queueWebhooks(
    described.flatMap((d) => d.events),
    now,
  );
  if (order === 'record_first') {
    await batch.recordEffects(fresh.map((f, index) => ({ ...f, effects: outcomes[index]! })));
  }
  return { fired: fresh.length, alreadyFired: firings.length - fresh.length };
}

/** The records of firings, with their effects when known. */
function rows(firings: readonly Firing[], outcomes?: readonly EffectOutcome[][]): FiringRecord[] {
  return firings.map((f, index) => ({
    ruleId: f.ruleId,
    eventKey: f.eventKey,
    messageId: f.facts.messageId,
    reasons: f.reasons,
    effects: outcomes?.[index],
  }));
}

/** The firings whose keys came back from recording them, each key once. */
function onceEach(firings: readonly Firing[], recorded: Set<string>): Firing[] {
  // Deleting as it goes: a key the batch holds twice acts once.
  return firings.filter((f) => recorded.delete(firingKey(f)));
}

/** The firings not recorded yet, each key once. */
function notRecorded(firings: readonly Firing[], recorded: ReadonlySet<string>): Firing[] {
  const seen = new Set(recorded);
  return firings.filter((f) => {
    const key = firingKey(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Owners and due times of each firing's effects. The turns of every round
 * robin the batch needs are taken in one statement, then handed out in
 * firing order, as one at a time would have.
 */
async function resolveBatch(
  tx: Queryable,
  firings: readonly Firing[],
  context: AssignmentContext,
  now: Date,
): Promise<ResolvedEffect[][]> {
  const counts = new Map<string, number>();
  for (const firing of firings) {
    for (const effect of planEffects(firing, context.directory)) {
      const rotation = rotationOf(effect);
      if (rotation) counts.set(rotation, (counts.get(rotation) ?? 0) + 1);
    }
  }
  const next = await ruleFiringWrites(tx).takeTurns(counts);
  const takeTurn = (rotation: string) => {
    const turn = next.get(rotation)!;
    next.set(rotation, turn + 1);
    return Promise.resolve(turn);
  };
  const resolved: ResolvedEffect[][] = [];
  for (const firing of firings) resolved.push(await resolveEffects(firing, context, takeTurn, now));
  return resolved;
}

/**
 * Writes an effect that touches records at once; a task or a notification
 * joins its batch's statement.
 */
async function applyEffect(
  tx: Queryable,
  firing: Firing,
  resolved: ResolvedEffect,
  context: FiringContext,
  pending: { tasks: NewTask[]; notes: NewNotification[] },
  now: Date,
): Promise<Applied> {
  const { effect, ownerId, dueAt } = resolved;
  const { facts } = firing;
  const writes = ruleEffectWrites(tx);
  switch (effect.kind) {
    case 'create_lead':
    case 'create_contact': {
      const input = { email: effect.email, name: effect.name, country: effect.country, ownerId };
      const recordId =
        effect.kind === 'create_lead'
          ? await writes.createLead(input)
          : await writes.createContact(input);
      const type = effect.kind === 'create_lead' ? 'lead' : 'contact';
      // The message that prompted the record is filed on it at once, not left to a later re-filing.
      await writes.fileOn(facts.messageId, { type, id: recordId }, effect.email);
      return { resolved, recordId };
    }
    case 'create_task': {
      const record = facts.records[0] ?? null;
      pending.tasks.push({
        id: randomUUID(),
        title: effect.title,
        ownerId,
        dueAt: dueAt ?? now,
        ruleId: firing.ruleId,
        threadId: facts.threadId,
        record: record && { type: record.type, id: record.id },
      });
      return { resolved, task: pending.tasks.length - 1 };
    }
    case 'set_owner':
      await writes.setOwner(ownerTables[effect.recordType], effect.recordId, ownerId, now);
      return { resolved };
    case 'add_to_deal':
      await writes.addThreadToDeal(facts.threadId, effect.dealId, context.ruleName(firing.ruleId));
      return { resolved };
    case 'notify':
      if (ownerId) {
        pending.notes.push({
          userId: ownerId,
          text: effect.text,
          threadId: facts.threadId,
          ruleId: firing.ruleId,
        });
      }
      return { resolved };
    case 'webhook':
      return { resolved };
  }
}

/**
 * A firing's record of what it did, and the webhook events it sends, in
 * action order: those some enabled endpoint takes.
 */
function describeFiring(
  firing: Firing,
  ruleName: string,
  applied: readonly Applied[],
  tasks: readonly NewTask[],
  subscriptions: WebhookSubscriptions,
): { outcomes: EffectOutcome[]; events: WebhookEvent[] } {
  const outcomes: EffectOutcome[] = [];
  const events: WebhookEvent[] = [];
  for (const { resolved, recordId, task } of applied) {
    const id = task === undefined ? recordId : tasks[task]!.id;
    outcomes.push({ ...describeEffect(resolved), ...(id ? { recordId: id } : {}) });
    if (!sendsEvent(resolved.effect, subscriptions)) continue;
    const event = effectEvent(firing, ruleName, resolved, id ?? null);
    if (event) events.push(event);
  }
  if (subscriptions.eventTypes.has('rule.fired')) {
    events.push({ type: 'rule.fired', payload: firingPayload(firing, ruleName, outcomes) });
  }
  return { outcomes, events };
}

/** Whether an enabled endpoint would take the event an effect sends (see `effectEvent`). */
function sendsEvent(
  effect: ResolvedEffect['effect'],
  subscriptions: WebhookSubscriptions,
): boolean {
  switch (effect.kind) {
    case 'create_lead':
    case 'create_contact':
      return subscriptions.eventTypes.has('record.created');
    case 'create_task':
      return subscriptions.eventTypes.has('task.created');
    case 'webhook':
      return subscriptions.endpointIds.has(effect.endpointId);
    case 'set_owner':
    case 'add_to_deal':
    case 'notify':
      return false;
  }
}

/** The webhook event an effect sends, if it sends one. */
function effectEvent(
  firing: Firing,
  ruleName: string,
  { effect, ownerId, dueAt }: ResolvedEffect,
  id: string | null,
): WebhookEvent | null {
  const { ruleId, facts } = firing;
  switch (effect.kind) {
    case 'create_lead':
    case 'create_contact': {
      const type = effect.kind === 'create_lead' ? 'lead' : 'contact';
      return {
        type: 'record.created',
        payload: { type, id, email: effect.email, ownerId, ruleId },
      };
    }
    case 'create_task':
      return {
        type: 'task.created',
        payload: { id, title: effect.title, ownerId, dueAt, threadId: facts.threadId, ruleId },
      };
    case 'webhook':
      return {
        type: 'rule.webhook',
        endpointId: effect.endpointId,
        payload: firingPayload(firing, ruleName, []),
      };
    case 'set_owner':
    case 'add_to_deal':
    case 'notify':
      return null;
  }
}

function firingPayload(firing: Firing, ruleName: string, outcomes: readonly EffectOutcome[]) {
  return {
    rule: { id: firing.ruleId, name: ruleName },
    eventKey: firing.eventKey,
    message: {
      id: firing.facts.messageId,
      messageKey: firing.facts.messageKey,
      threadId: firing.facts.threadId,
      subject: firing.facts.subject,
      from: firing.facts.sender,
      sentAt: firing.facts.sentAt.toISOString(),
    },
    reasons: firing.reasons,
    effects: outcomes,
  };
}
