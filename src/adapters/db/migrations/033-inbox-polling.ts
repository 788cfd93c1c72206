/**
 * A server that accepts IDLE and never reports new mail in it has its INBOX
 * polled at a short interval; the interval is kept on the mailbox so its
 * health reads "live (polled every N s)" in every process, the CLI's too.
 * NULL: the server pushes, or has not been caught not pushing.
 */
export const inboxPollingSchema = `
ALTER TABLE mailboxes ADD COLUMN inbox_poll_seconds int;
`;
