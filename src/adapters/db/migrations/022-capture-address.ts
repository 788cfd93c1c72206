/**
 * Each user's capture address: mail BCC'd or forwarded to `log+<secret>@`
 * the configured domain is filed as theirs. The secret is looked up by its
 * SHA-256 (a leaked table reveals no address) and kept sealed beside it so
 * its owner can see it again; rotating replaces both, and the old address is
 * refused from then on. What arrives is filed through a mailbox of kind
 * `capture`, one per user, so decisions and visibility work as for any
 * other mailbox.
 */
export const captureAddressSchema = `
ALTER TABLE mailboxes DROP CONSTRAINT mailboxes_kind_check;
ALTER TABLE mailboxes ADD CONSTRAINT mailboxes_kind_check CHECK (kind IN ('imap', 'import', 'capture'));

CREATE TABLE capture_addresses (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  secret_sha256 text NOT NULL UNIQUE,
  secret_sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
`;
