/**
 * Mail older than every mailbox's activity window that holds it, kept from
 * its headers for the relationship scores and counts: it makes no timeline
 * entry. A copy inside some mailbox's activity window clears the flag.
 */
export const statisticsOnlySchema = `
ALTER TABLE messages ADD COLUMN statistics_only boolean NOT NULL DEFAULT false;
`;
