/**
 * Replies find their parents by Message-ID in every batch; without an index
 * that lookup read the whole messages table. Hash indexes, for it and for
 * the thread root: a Message-ID has no length limit and a btree entry does
 * (a longer one made the insert fail).
 */
export const messageIdIndexSchema = `
CREATE INDEX messages_message_id ON messages USING hash (message_id);
DROP INDEX messages_root;
CREATE INDEX messages_root ON messages USING hash (thread_root);
`;
