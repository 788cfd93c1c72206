/**
 * A mailbox its owner paused (`paused_at`: sync leaves it alone until
 * resumed) or disconnected while keeping its mail (`disconnected_at`: the row
 * stays, without credentials, because the captured copies' decisions and
 * their visibility hang on it; it is no longer listed nor synced).
 */
export const mailboxEditSchema = `
ALTER TABLE mailboxes ADD COLUMN paused_at timestamptz;
ALTER TABLE mailboxes ADD COLUMN disconnected_at timestamptz;
`;
