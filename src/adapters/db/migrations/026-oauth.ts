/**
 * OAuth 2.0 for mailboxes. `oauth_clients`: the organisation's client at
 * each provider, registered once by an admin (the secret sealed, the
 * provider's settings such as a tenant or an issuer in `settings`).
 * `oauth_sign_ins`: a sign-in waiting for the provider to send the browser
 * back, found by its `state`, with its PKCE verifier sealed; used once.
 */
export const oauthSchema = `
CREATE TABLE oauth_clients (
  provider text PRIMARY KEY CHECK (provider IN ('google', 'microsoft', 'oidc')),
  client_id text NOT NULL,
  client_secret text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL
);
CREATE TABLE oauth_sign_ins (
  state text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  provider text NOT NULL REFERENCES oauth_clients(provider) ON DELETE CASCADE,
  mailbox_id uuid REFERENCES mailboxes(id) ON DELETE CASCADE,
  label text,
  redirect_uri text NOT NULL,
  code_verifier text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX oauth_sign_ins_expiry ON oauth_sign_ins (expires_at);
`;
