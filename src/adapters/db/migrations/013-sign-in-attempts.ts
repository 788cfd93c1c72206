/**
 * Sign-in attempts, reserved before the password is checked and kept as
 * failures when it was wrong. Counted per account (whatever the client) and
 * per client (whatever the account), so neither guessing one password nor
 * spraying one password across accounts goes unlimited. Rows leave only by
 * age, so a flood of junk attempts cannot push real failures out.
 */
export const signInAttemptsSchema = `
CREATE TABLE sign_in_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account text NOT NULL,
  client text NOT NULL,
  attempted_at timestamptz NOT NULL
);
CREATE INDEX sign_in_attempts_account ON sign_in_attempts (account, attempted_at);
CREATE INDEX sign_in_attempts_client ON sign_in_attempts (client, attempted_at);
CREATE INDEX sign_in_attempts_age ON sign_in_attempts (attempted_at);
`;
