/**
 * A user's sender address and the code that proves they receive its mail.
 * Only the code's hash is kept; `address` pins what was verified, so a
 * changed e-mail address must be verified again.
 */
export const senderAddressesSchema = `
CREATE TABLE sender_addresses (
  user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  address text NOT NULL,
  code_sha256 text,
  code_sent_at timestamptz,
  code_expires_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  verified_at timestamptz
);
`;
