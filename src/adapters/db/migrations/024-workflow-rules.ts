/**
 * Workflow rules and what they act through. A firing is recorded once per
 * rule and event key (the message's key, the same across mailboxes,
 * re-syncs and UIDVALIDITY changes) in the transaction that applies its
 * effects, so a crash, a restart or a second worker never applies them
 * twice. Webhook deliveries are an outbox: written in that transaction,
 * sent later, retried, and kept on a dead-letter list when they keep failing.
 */
export const workflowRulesSchema = `
CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE
);
CREATE TABLE team_members (
  team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  position int NOT NULL,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);

CREATE TABLE territories (
  country text PRIMARY KEY CHECK (country ~ '^[A-Z]{2}$'),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE
);

CREATE TABLE working_hours (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  time_zone text NOT NULL,
  days int[] NOT NULL,
  start_minute int NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
  end_minute int NOT NULL CHECK (end_minute BETWEEN 0 AND 1440 AND end_minute > start_minute)
);
CREATE TABLE holidays (
  day date PRIMARY KEY,
  name text NOT NULL DEFAULT ''
);

-- Whose turn it is next in a round robin (a team, or a role).
CREATE TABLE round_robin_turns (
  key text PRIMARY KEY,
  next_turn bigint NOT NULL
);

CREATE TABLE workflow_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  position int NOT NULL,
  enabled boolean NOT NULL DEFAULT false,
  trigger jsonb NOT NULL,
  conditions jsonb NOT NULL DEFAULT '[]',
  actions jsonb NOT NULL,
  -- Mail sent before this is left alone; switching a rule on sets it.
  applies_from timestamptz,
  -- How far the rule has read the stored mail, in (created_at, id) order.
  cursor_at timestamptz,
  cursor_id uuid,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rule_firings (
  rule_id uuid NOT NULL REFERENCES workflow_rules(id) ON DELETE CASCADE,
  event_key text NOT NULL,
  message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
  fired_at timestamptz NOT NULL,
  reasons jsonb NOT NULL,
  effects jsonb NOT NULL,
  PRIMARY KEY (rule_id, event_key)
);
CREATE INDEX rule_firings_fired ON rule_firings (rule_id, fired_at);

ALTER TABLE tasks ADD COLUMN rule_id uuid REFERENCES workflow_rules(id) ON DELETE SET NULL;
ALTER TABLE tasks ADD COLUMN thread_id text;

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  text text NOT NULL,
  thread_id text,
  rule_id uuid REFERENCES workflow_rules(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX notifications_user ON notifications (user_id, created_at) WHERE read_at IS NULL;

CREATE TABLE webhook_endpoints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  url text NOT NULL,
  -- The signing secret, sealed with the secret box.
  secret text NOT NULL,
  events text[] NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
  event_type text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  -- A worker sending it holds it until then; past it, another may take it over.
  claimed_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (created_at) WHERE status = 'dead';
`;
