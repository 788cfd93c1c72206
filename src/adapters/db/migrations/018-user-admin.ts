/**
 * User administration. A deactivated user keeps their row and their mail but
 * cannot sign in. A password link is the one-time link of an invitation or
 * a password reset: only its hash is kept; a user has at most one unused
 * link (a new one replaces it), and a used one stays so that opening it
 * again says it was used rather than unknown.
 */
export const userAdminSchema = `
ALTER TABLE users ADD COLUMN deactivated_at timestamptz;

CREATE TABLE password_links (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('invitation', 'reset')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE UNIQUE INDEX password_links_unused ON password_links (user_id) WHERE used_at IS NULL;
`;
