/**
 * A sync worker's presence: the server pid of a connection the worker keeps
 * open for its whole life. The server ends that backend as soon as the
 * worker's process dies and its socket closes, so a killed worker is known
 * dead at once instead of after three missed heartbeats.
 */
export const workerPresenceSchema = `
ALTER TABLE sync_workers ADD COLUMN backend_pid int;
`;
