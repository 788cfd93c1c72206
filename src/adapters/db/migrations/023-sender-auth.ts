/**
 * What was proven about each message's sender (SPF, DKIM, DMARC, ARC and
 * where the verdict came from), as the first copy to arrive was judged;
 * null for mail taken in before the checks, or read without them.
 */
export const senderAuthSchema = `
ALTER TABLE messages ADD COLUMN sender_auth jsonb;
`;
