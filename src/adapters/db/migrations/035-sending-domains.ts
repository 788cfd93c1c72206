/**
 * Domains the organisation signs its mail for. The private key is sealed
 * like every credential; the public key is what the DKIM record carries.
 * A domain signs only while `verified_at` is set: the last DNS check found
 * every record it needs.
 */
export const sendingDomainsSchema = `
CREATE TABLE sending_domains (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  domain text NOT NULL UNIQUE,
  selector text NOT NULL,
  private_key text NOT NULL,
  public_key text NOT NULL,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  checked_at timestamptz,
  verdicts jsonb NOT NULL DEFAULT '[]',
  verified_at timestamptz
);
`;
