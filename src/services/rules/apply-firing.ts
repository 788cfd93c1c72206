import type { Database } from '../../adapters/db/database.js';
import { ruleEffectWrites } from '../../adapters/db/repositories/rule-effect-writes.js';
import type { Firing } from '../../core/rules/evaluate-rules.js';
import type { AssignmentContext } from './assignment-context.js';
import {
  describeEffect,
  resolveEffects,
  type EffectOutcome,
  type ResolvedEffect,
} from './resolve-effects.js';

const ownerTables = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  deal: 'deals',
} as const;

/**
 * Applies a firing exactly once: its record, its effects and its webhook
 * events commit together, and a second attempt (another worker, a restart,
 * the same mail seen again after a re-sync) finds the record and does
 * nothing. Returns what it did, or null when the rule had already fired on
 * the event.
 */
export async function applyFiring(
  db: Database,
  firing: Firing,
  context: AssignmentContext & { readonly ruleName: string },
  now: Date,
): Promise<EffectOutcome[] | null> {
  return db.transaction(async (tx) => {
    const writes = ruleEffectWrites(tx);
    const first = await writes.recordFiring({
      ruleId: firing.ruleId,
      eventKey: firing.eventKey,
      messageId: firing.facts.messageId,
      at: now,
      reasons: firing.reasons,
    });
    if (!first) return null;
    const resolved = await resolveEffects(firing, context, (key) => writes.takeTurn(key), now);
    const outcomes: EffectOutcome[] = [];
    for (const effect of resolved) {
      outcomes.push({
        ...describeEffect(effect),
        ...(await applyEffect(writes, firing, effect, context.ruleName, now)),
      });
    }
    await writes.recordEffects(firing.ruleId, firing.eventKey, outcomes);
    await writes.queueWebhook({
      type: 'rule.fired',
      at: now,
      payload: firingPayload(firing, context.ruleName, outcomes),
    });
    return outcomes;
  });
}

/** Writes one effect; what it created, for the firing's record. */
async function applyEffect(
  writes: ReturnType<typeof ruleEffectWrites>,
  firing: Firing,
  { effect, ownerId, dueAt }: ResolvedEffect,
  ruleName: string,
  now: Date,
): Promise<{ recordId?: string }> {
  const { facts } = firing;
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
      await writes.queueWebhook({
        type: 'record.created',
        at: now,
        payload: { type, id: recordId, email: effect.email, ownerId, ruleId: firing.ruleId },
      });
      return { recordId };
    }
    case 'create_task': {
      const record = facts.records[0] ?? null;
      const taskId = await writes.createTask({
        title: effect.title,
        ownerId,
        dueAt: dueAt ?? now,
        ruleId: firing.ruleId,
        threadId: facts.threadId,
        record: record && { type: record.type, id: record.id },
      });
      await writes.queueWebhook({
        type: 'task.created',
        at: now,
        payload: {
          id: taskId,
          title: effect.title,
          ownerId,
          dueAt,
          threadId: facts.threadId,
          ruleId: firing.ruleId,
        },
      });
      return { recordId: taskId };
    }
    case 'set_owner':
      await writes.setOwner(ownerTables[effect.recordType], effect.recordId, ownerId, now);
      return {};
    case 'add_to_deal':
      await writes.addThreadToDeal(facts.threadId, effect.dealId, ruleName);
      return {};
    case 'notify':
      if (ownerId) {
        await writes.notify({
          userId: ownerId,
          text: effect.text,
          threadId: facts.threadId,
          ruleId: firing.ruleId,
          at: now,
        });
      }
      return {};
    case 'webhook':
      await writes.queueWebhook({
        type: 'rule.webhook',
        at: now,
        endpointId: effect.endpointId,
        payload: firingPayload(firing, ruleName, []),
      });
      return {};
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
