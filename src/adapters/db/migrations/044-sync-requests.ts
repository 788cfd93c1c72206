/**
 * "Sync now" when the web server leaves sync to separate workers: the request
 * waits on the mailbox's row until the worker holding it takes it, within a
 * second or so, and runs a pass.
 */
export const syncRequestsSchema = `
ALTER TABLE mailboxes ADD COLUMN sync_requested_at timestamptz;
CREATE INDEX mailboxes_sync_requested ON mailboxes (lease_owner) WHERE sync_requested_at IS NOT NULL;
`;
