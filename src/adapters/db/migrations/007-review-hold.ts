/** The review queue holds mail back until its owner files it, and keeps follow-ups. */
export const reviewHoldSchema = `
-- A copy in a mailbox that captures by review is held: only its owner sees
-- it, and it is on no record's timeline, until the owner includes or files it.
ALTER TABLE message_decisions ADD COLUMN held boolean NOT NULL DEFAULT false;
CREATE INDEX message_decisions_held ON message_decisions (mailbox_id) WHERE held;

-- A reminder on a thread, open until a reply goes out from the assignee.
CREATE TABLE follow_ups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  thread_id text NOT NULL,
  created_by uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  assignee_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  remind_at timestamptz NOT NULL,
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  cancelled_at timestamptz
);
CREATE INDEX follow_ups_assignee ON follow_ups (assignee_id, remind_at) WHERE cancelled_at IS NULL;
CREATE INDEX follow_ups_thread ON follow_ups (thread_id);
`;
