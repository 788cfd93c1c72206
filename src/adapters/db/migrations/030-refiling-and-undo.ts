/**
 * Re-filing after a CRM change runs as a job: its run row says how far it
 * has got, so the UI and the CLI can show progress while the change itself
 * has already been answered. A user's bulk action keeps what it changed, so
 * that action can be undone for a while.
 */
export const refilingAndUndoSchema = `
CREATE TABLE refile_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
  scope jsonb NOT NULL,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  total int,
  done int NOT NULL DEFAULT 0,
  counts jsonb,
  error text,
  created_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX refile_runs_recent ON refile_runs (created_at DESC);

CREATE TABLE undoable_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  action text NOT NULL,
  summary text NOT NULL,
  snapshot jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  undone_at timestamptz
);
CREATE INDEX undoable_actions_user ON undoable_actions (user_id, created_at DESC);
`;
