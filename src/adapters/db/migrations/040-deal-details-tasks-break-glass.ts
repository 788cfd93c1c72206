/**
 * A deal's team members get a role and its products their own rows;
 * tasks get an assignee besides their owner; and an admin's break-glass
 * read of a user's private mail is a time-limited grant its owner can see.
 */
export const dealDetailsTasksBreakGlassSchema = `
ALTER TABLE deal_team ADD COLUMN role text NOT NULL DEFAULT '';

CREATE TABLE deal_products (
  deal_id uuid NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
  position int NOT NULL,
  name text NOT NULL,
  quantity numeric(14, 2) NOT NULL CHECK (quantity > 0),
  unit_price numeric(16, 2) NOT NULL CHECK (unit_price >= 0),
  currency text CHECK (currency ~ '^[A-Z]{3}$'),
  PRIMARY KEY (deal_id, position)
);

-- The owner made the task (or the rule gave it to them); the assignee does it.
ALTER TABLE tasks ADD COLUMN assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
  ADD COLUMN notes text NOT NULL DEFAULT '',
  ADD COLUMN completed_at timestamptz,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
UPDATE tasks SET assignee_id = owner_id;
CREATE INDEX tasks_assignee ON tasks (assignee_id, status, due_at);
CREATE INDEX tasks_owner ON tasks (owner_id, status, due_at);
CREATE INDEX tasks_record ON tasks (record_type, record_id);

-- No foreign key on the users: the owner's list of who read their mail
-- outlives a deleted admin, as the audit log does.
CREATE TABLE break_glass_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  admin_id uuid NOT NULL,
  admin_email text NOT NULL,
  owner_id uuid NOT NULL,
  -- One message of the owner's, or all of their mail when null.
  message_id uuid REFERENCES messages(id) ON DELETE SET NULL,
  whole_mailbox boolean NOT NULL,
  reason text NOT NULL CHECK (length(reason) > 0),
  granted_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > granted_at)
);
CREATE INDEX break_glass_grants_admin ON break_glass_grants (admin_id, owner_id, expires_at);
CREATE INDEX break_glass_grants_owner ON break_glass_grants (owner_id, granted_at);
`;
