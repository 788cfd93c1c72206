/** Who may read whose mail, and the audit log of views and changes. */
export const sharingSchema = `
-- A user without a row shares nothing: private is the default.
CREATE TABLE sharing_settings (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  mode text NOT NULL DEFAULT 'private' CHECK (mode IN ('private', 'public', 'custom')),
  -- Set by an admin: the user may no longer change mode or excluded domains.
  imposed_by_admin boolean NOT NULL DEFAULT false,
  -- Lower-case domains; mail from or to them (or their subdomains) stays private.
  excluded_domains text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Custom mode: the owner's mail is shared with these users.
CREATE TABLE user_shares (
  owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_id, user_id),
  CHECK (owner_id <> user_id)
);
CREATE INDEX user_shares_user ON user_shares (user_id);

-- Custom mode: the owner's mail filed on this record is shared with this user.
CREATE TABLE record_shares (
  owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  record_type text NOT NULL CHECK (record_type IN ('account', 'contact', 'lead', 'deal', 'case')),
  record_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_id, record_type, record_id, user_id),
  CHECK (owner_id <> user_id)
);
CREATE INDEX record_shares_record ON record_shares (record_type, record_id);
CREATE INDEX record_shares_user ON record_shares (user_id);

-- No foreign key on the actor: the local operator has no user row, and the
-- log must outlive the users it mentions.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor_id uuid,
  actor_email text NOT NULL,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now()
);
-- Retention removes by age; pages and filters go newest id first.
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, id);
`;
