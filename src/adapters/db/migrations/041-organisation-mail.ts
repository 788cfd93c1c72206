/**
 * Whole-organisation onboarding and forwards stored once.
 *
 * `oauth_delegations`: an admin's grant to read the mail of the users they
 * pick without asking them: Google's domain-wide delegation (a service
 * account: `principal` is its client e-mail, `credential` its JSON key,
 * sealed) or Microsoft's application permission (`principal` the
 * application (client) id, `credential` its client secret, sealed).
 * `settings` holds what is not secret: the tenant, a token endpoint other
 * than the provider's, the IMAP server.
 *
 * `messages_unwrapped_forwards`: the few messages rebuilt from inline
 * forwards, looked up by date when their original arrives.
 */
export const organisationMailSchema = `
CREATE TABLE oauth_delegations (
  provider text PRIMARY KEY CHECK (provider IN ('google', 'microsoft')),
  principal text NOT NULL,
  credential text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX messages_unwrapped_forwards ON messages (sent_at)
  WHERE message_id LIKE '<forwarded.%@capture.threadline.invalid>';
`;
