/**
 * The lists (sales inbox, review queue, record timelines, search) page by
 * walking messages newest first from the cursor and stop once the page is
 * full: this index is that walk. Its key is the one every list sorts by,
 * a message's date, or when it came in for one without a date.
 */
export const listIndexesSchema = `
CREATE INDEX messages_at ON messages ((coalesce(sent_at, created_at)) DESC, thread_id DESC, id DESC);
`;
