import type { Queryable } from '../database.js';

export interface WebhookEndpointRow {
  id: string;
  url: string;
  /** Sealed; only the delivery worker opens it. */
  secret: string;
  events: string[];
  enabled: boolean;
  createdAt: Date;
}

export interface WebhookDeliveryRow {
  id: string;
  endpointId: string;
  url: string;
  secret: string;
  eventType: string;
  payload: unknown;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

const endpointColumns = `id, url, secret, events, enabled, created_at AS "createdAt"`;
const deliveryColumns = `d.id, d.endpoint_id AS "endpointId", e.url, e.secret, d.event_type AS "eventType",
  d.payload, d.status, d.attempts, d.next_attempt_at AS "nextAttemptAt", d.last_error AS "lastError",
  d.created_at AS "createdAt", d.delivered_at AS "deliveredAt"`;

/** Webhook endpoints and their outbox of deliveries. Each method is one query. */
export function webhooksRepository(db: Queryable) {
  return {
    async endpoints(): Promise<WebhookEndpointRow[]> {
      return db.query(`SELECT ${endpointColumns} FROM webhook_endpoints ORDER BY created_at`);
    },
    async endpointExists(id: string): Promise<boolean> {
      return (await db.query('SELECT 1 FROM webhook_endpoints WHERE id = $1', [id])).length > 0;
    },
    async createEndpoint(endpoint: {
      url: string;
      sealedSecret: string;
      events: readonly string[];
    }): Promise<WebhookEndpointRow> {
      const [row] = await db.query<WebhookEndpointRow>(
        `INSERT INTO webhook_endpoints (url, secret, events) VALUES ($1, $2, $3) RETURNING ${endpointColumns}`,
        [endpoint.url, endpoint.sealedSecret, endpoint.events],
      );
      return row!;
    },
    async removeEndpoint(id: string): Promise<boolean> {
      return (
        (await db.query('DELETE FROM webhook_endpoints WHERE id = $1 RETURNING id', [id])).length >
        0
      );
    },
    /**
     * Takes up to `limit` due deliveries for this worker until `claimUntil`;
     * deliveries another worker holds are skipped, not waited for.
     */
    async claimDue(now: Date, claimUntil: Date, limit: number): Promise<WebhookDeliveryRow[]> {
      return db.query(
        `WITH due AS (
           SELECT id FROM webhook_deliveries
           WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)
           ORDER BY next_attempt_at, created_at LIMIT $3 FOR UPDATE SKIP LOCKED
         ), claimed AS (
           UPDATE webhook_deliveries w SET claimed_until = $2 FROM due WHERE w.id = due.id RETURNING w.*
         )
         SELECT ${deliveryColumns} FROM claimed d JOIN webhook_endpoints e ON e.id = d.endpoint_id
         ORDER BY d.created_at`,
        [now, claimUntil, limit],
      );
    },
    async markDelivered(id: string, at: Date): Promise<void> {
      await db.query(
        `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = $2, attempts = attempts + 1,
           claimed_until = NULL, last_error = NULL WHERE id = $1`,
        [id, at],
      );
    },
    /** A failed attempt: tried again at `retryAt`, or moved to the dead-letter list when null. */
    async markFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
      await db.query(
        `UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = $2, claimed_until = NULL,
           status = CASE WHEN $3::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
           next_attempt_at = coalesce($3::timestamptz, next_attempt_at) WHERE id = $1`,
        [id, error, retryAt],
      );
    },
    async list(
      status: 'pending' | 'delivered' | 'dead',
      limit: number,
    ): Promise<WebhookDeliveryRow[]> {
      return db.query(
        `SELECT ${deliveryColumns} FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE d.status = $1 ORDER BY d.created_at DESC LIMIT $2`,
        [status, limit],
      );
    },
    /** Puts a dead delivery back in the queue, due now, with its attempts counted afresh. */
    async replay(id: string, now: Date): Promise<boolean> {
      const rows = await db.query(
        `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $2, claimed_until = NULL
         WHERE id = $1 AND status = 'dead' RETURNING id`,
        [id, now],
      );
      return rows.length > 0;
    },
  };
}
