/**
 * Sync workers (`threadline worker`) register here and beat a heartbeat, so
 * each can see how many are alive and take its fair share of the mailboxes;
 * a worker whose heartbeat stopped is dead and its mailboxes are taken over.
 * The mailboxes a worker holds are those whose lease names it.
 */
export const syncWorkersSchema = `
CREATE TABLE sync_workers (
  name text PRIMARY KEY,
  host text NOT NULL,
  pid int NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  max_mailboxes int NOT NULL,
  max_rss_mb int NOT NULL,
  rss_mb int NOT NULL DEFAULT 0,
  held int NOT NULL DEFAULT 0,
  connections int NOT NULL DEFAULT 0,
  queue_depth int NOT NULL DEFAULT 0,
  -- Counters since the worker started, for the metrics endpoint.
  stored bigint NOT NULL DEFAULT 0,
  errors jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX mailboxes_lease_owner ON mailboxes (lease_owner) WHERE lease_owner IS NOT NULL;
`;
