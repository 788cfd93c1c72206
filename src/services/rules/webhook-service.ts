import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import type { Database } from '../../adapters/db/database.js';
import {
  webhooksRepository,
  type WebhookDeliveryRow,
} from '../../adapters/db/repositories/webhooks.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { newWebhookSecret, postWebhook } from '../../adapters/webhooks/post-webhook.js';
import type { Clock } from '../../adapters/system/clock.js';
import { ThreadlineError } from '../../core/errors.js';
import { nextAttemptAt } from '../../core/rules/webhook-backoff.js';
import { requireRuleManager } from './rule-permissions.js';

/** The events an endpoint can subscribe to. */
export const webhookEvents = [
  'rule.fired',
  'rule.webhook',
  'record.created',
  'task.created',
] as const;

export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  url: string;
  eventType: string;
  status: WebhookDeliveryRow['status'];
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  payload: unknown;
}

const view = ({ secret: _secret, ...row }: WebhookDeliveryRow): WebhookDeliveryView => row;

/**
 * Webhook endpoints (admins and managers) and the delivery of their outbox:
 * each due delivery is claimed by one worker, posted with its signature,
 * and retried with backoff until it lands on the dead-letter list, from
 * which it can be replayed. Secrets are sealed at rest and shown once.
 */
export function createWebhookService(deps: {
  database: Database;
  secrets: SecretBox;
  clock: Clock;
  timeoutMs?: number;
}) {
  const repo = webhooksRepository(deps.database);
  return {
    async endpoints(user: UserRow) {
      requireRuleManager(user);
      return (await repo.endpoints()).map(({ secret: _secret, ...endpoint }) => endpoint);
    },
    /** Adds an endpoint; the answer carries its signing secret, which is never shown again. */
    async createEndpoint(user: UserRow, input: { url: string; events: readonly string[] }) {
      requireRuleManager(user);
      const secret = newWebhookSecret(randomBytes(24));
      const { secret: _sealed, ...endpoint } = await repo.createEndpoint({
        url: input.url,
        events: input.events,
        sealedSecret: deps.secrets.seal(secret),
      });
      return { ...endpoint, secret };
    },
    async removeEndpoint(user: UserRow, id: string) {
      requireRuleManager(user);
      if (!(await repo.removeEndpoint(id)))
        throw new ThreadlineError('NOT_FOUND', 'No such webhook endpoint');
    },
    async deliveries(user: UserRow, status: WebhookDeliveryRow['status']) {
      requireRuleManager(user);
      return (await repo.list(status, 200)).map(view);
    },
    async replay(user: UserRow, id: string) {
      requireRuleManager(user);
      if (!(await repo.replay(id, deps.clock.now()))) {
        throw new ThreadlineError('NOT_FOUND', 'No such delivery on the dead-letter list');
      }
    },
    /** Sends what is due; returns how many were delivered and how many failed this time. */
    async deliverDue(limit = 50): Promise<{ delivered: number; failed: number }> {
      const now = deps.clock.now();
      const timeoutMs = deps.timeoutMs ?? 10_000;
      const claimed = await repo.claimDue(now, new Date(now.getTime() + 2 * timeoutMs), limit);
      const results = await Promise.all(
        claimed.map(async (delivery) => {
          const outcome = await postWebhook({
            url: delivery.url,
            secret: deps.secrets.open(delivery.secret),
            id: `msg_${delivery.id}`,
            body: JSON.stringify({
              type: delivery.eventType,
              timestamp: delivery.createdAt,
              data: delivery.payload,
            }),
            timeoutMs,
          });
          const at = deps.clock.now();
          if (outcome.ok) await repo.markDelivered(delivery.id, at);
          else
            await repo.markFailed(
              delivery.id,
              outcome.error,
              nextAttemptAt(delivery.attempts + 1, at),
            );
          return outcome.ok;
        }),
      );
      const delivered = results.filter(Boolean).length;
      return { delivered, failed: results.length - delivered };
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
