/**
 * Mail written in Threadline waits here until it is due (the undo window, or
 * a scheduled time), is claimed by one worker, and keeps the SMTP answer
 * once sent. The Message-ID is fixed when the row is written, so the sent
 * message, its Sent copy and the row name the same message.
 */
export const outboxSchema = `
CREATE TABLE outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sender_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  mailbox_id uuid NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
  message_id text NOT NULL UNIQUE,
  -- The record it was written from: what it is filed on and shared with.
  record_type text CHECK (record_type IN ('account', 'contact', 'lead', 'deal', 'case')),
  record_id uuid,
  -- The stored message answered or forwarded, if any.
  answers uuid REFERENCES messages(id) ON DELETE SET NULL,
  message jsonb NOT NULL,
  send_at timestamptz NOT NULL,
  time_zone text,
  state text NOT NULL DEFAULT 'scheduled'
    CHECK (state IN ('scheduled', 'sending', 'sent', 'failed', 'cancelled')),
  claimed_by text,
  claimed_at timestamptz,
  sent_at timestamptz,
  smtp_response text,
  sent_copy text CHECK (sent_copy IN ('appended', 'provider', 'failed')),
  error_code text,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_due ON outbox (send_at) WHERE state = 'scheduled';
CREATE INDEX outbox_sending ON outbox (claimed_at) WHERE state = 'sending';
CREATE INDEX outbox_sender ON outbox (sender_id, created_at);

-- A signature per user, put under what they write in Threadline.
CREATE TABLE user_signatures (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  text_body text NOT NULL,
  html_body text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
