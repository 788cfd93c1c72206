/**
 * Open and click tracking of mail sent from Threadline. A tracked message
 * keeps the real targets of its links, by number: a click redirect leads
 * only there, never to a URL from the request. Every open and click is
 * stored with its verdict (a person, a machine, the sender) and the
 * reason, once; only people's count.
 */
export const trackingSchema = `
CREATE TABLE tracked_messages (
  id uuid PRIMARY KEY,
  outbox_id uuid NOT NULL UNIQUE REFERENCES outbox(id) ON DELETE CASCADE,
  links text[] NOT NULL,
  -- Whom the one tracked copy went to: opens are theirs only when it is one person.
  recipients text[] NOT NULL,
  -- The address the sender wrote from: requests from it are the sender's own.
  sender_ip text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tracking_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tracked_message_id uuid NOT NULL REFERENCES tracked_messages(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('open', 'click')),
  link int,
  at timestamptz NOT NULL,
  verdict text NOT NULL CHECK (verdict IN ('human', 'machine', 'sender')),
  reason text NOT NULL,
  user_agent text NOT NULL
);
CREATE INDEX tracking_events_message ON tracking_events (tracked_message_id, at);

-- Why a message asked to be tracked went untracked; null when it is tracked or was not asked.
ALTER TABLE outbox ADD COLUMN untracked_reason text;
`;
