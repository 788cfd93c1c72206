/** Mailboxes, their folders' sync checkpoints, messages once each, and what was decided about them. */
export const mailSchema = `
CREATE TABLE mailboxes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  label text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('imap', 'import')),
  -- Connection settings without secrets; the secrets live encrypted in credentials.
  imap jsonb,
  smtp jsonb,
  credentials text,
  folder_choice jsonb,
  activity_window_days int NOT NULL DEFAULT 30,
  stats_window_days int NOT NULL DEFAULT 180,
  data_scope text NOT NULL DEFAULT 'full' CHECK (data_scope IN ('full', 'no_attachments', 'metadata')),
  capture_mode text NOT NULL DEFAULT 'auto' CHECK (capture_mode IN ('auto', 'review')),
  create_contacts boolean NOT NULL DEFAULT false,
  state text NOT NULL DEFAULT 'connecting',
  state_code text,
  state_message text,
  attempt int NOT NULL DEFAULT 0,
  last_success_at timestamptz,
  backfill_done_at timestamptz,
  lease_owner text,
  lease_expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner_id, label)
);

CREATE TABLE mail_folders (
  mailbox_id uuid NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
  path text NOT NULL,
  special_use text,
  selected boolean NOT NULL DEFAULT true,
  uid_validity bigint,
  last_uid bigint NOT NULL DEFAULT 0,
  highest_modseq text,
  server_count int,
  state text NOT NULL DEFAULT 'connecting',
  state_code text,
  state_message text,
  attempt int NOT NULL DEFAULT 0,
  last_success_at timestamptz,
  PRIMARY KEY (mailbox_id, path)
);

CREATE TABLE threads (
  id text PRIMARY KEY,
  subject_key text NOT NULL,
  participants text[] NOT NULL DEFAULT '{}',
  first_at timestamptz,
  last_at timestamptz
);
CREATE INDEX threads_subject ON threads (subject_key, last_at);

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The Message-ID as sent, or sha256:<hex of the raw bytes> when it is missing.
  message_key text NOT NULL UNIQUE,
  message_id text,
  thread_id text NOT NULL,
  thread_root text,
  subject text NOT NULL DEFAULT '',
  sent_at timestamptz,
  from_address text,
  participants text[] NOT NULL DEFAULT '{}',
  envelope jsonb NOT NULL,
  text_body text,
  html_body text,
  size int NOT NULL,
  category text NOT NULL,
  captured boolean NOT NULL,
  reasons jsonb NOT NULL DEFAULT '[]',
  failed_recipients text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  search tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', coalesce(subject, '') || ' ' || coalesce(text_body, ''))
  ) STORED
);
CREATE INDEX messages_thread ON messages (thread_id, sent_at);
CREATE INDEX messages_root ON messages (thread_root);
CREATE INDEX messages_search ON messages USING gin (search);
CREATE INDEX messages_participants ON messages USING gin (participants);

CREATE TABLE message_locations (
  mailbox_id uuid NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
  folder_path text NOT NULL,
  uid_validity bigint NOT NULL,
  uid bigint NOT NULL,
  message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  flags text[] NOT NULL DEFAULT '{}',
  deleted_at timestamptz,
  PRIMARY KEY (mailbox_id, folder_path, uid_validity, uid)
);
CREATE INDEX message_locations_message ON message_locations (message_id);

-- Judged per mailbox, because block lists and owners differ per user.
CREATE TABLE message_decisions (
  message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  mailbox_id uuid NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
  captured boolean NOT NULL,
  category text NOT NULL,
  reasons jsonb NOT NULL,
  PRIMARY KEY (message_id, mailbox_id)
);

CREATE TABLE message_links (
  message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  record_type text NOT NULL CHECK (record_type IN ('account', 'contact', 'lead', 'deal', 'case')),
  record_id uuid NOT NULL,
  reason text NOT NULL,
  confidence real NOT NULL,
  source text NOT NULL CHECK (source IN ('auto', 'rule', 'manual')),
  ambiguous boolean NOT NULL DEFAULT false,
  alternatives jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (message_id, record_type, record_id)
);
CREATE INDEX message_links_record ON message_links (record_type, record_id);

-- A manual choice sticks for the rest of the thread.
CREATE TABLE thread_link_overrides (
  thread_id text NOT NULL,
  record_type text NOT NULL,
  record_id uuid NOT NULL,
  action text NOT NULL CHECK (action IN ('add', 'remove')),
  user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (thread_id, record_type, record_id)
);

CREATE TABLE attachment_blobs (
  sha256 text PRIMARY KEY,
  size bigint NOT NULL,
  stored boolean NOT NULL
);

CREATE TABLE message_attachments (
  message_id uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  position int NOT NULL,
  sha256 text,
  filename text,
  content_type text NOT NULL,
  size bigint NOT NULL,
  PRIMARY KEY (message_id, position)
);

CREATE TABLE quarantine (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  mailbox_id uuid REFERENCES mailboxes(id) ON DELETE CASCADE,
  source text NOT NULL,
  raw_sha256 text NOT NULL,
  raw bytea NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (mailbox_id, raw_sha256)
);

CREATE TABLE notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid REFERENCES users(id) ON DELETE CASCADE,
  mailbox_id uuid REFERENCES mailboxes(id) ON DELETE CASCADE,
  kind text NOT NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE link_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('subject', 'keyword')),
  pattern text NOT NULL,
  record_type text NOT NULL,
  record_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
`;
