import pg from 'pg';

/** How long a lost presence connection waits before it connects again. */
const reconnectMs = 1000;

/** A process's own connection to the PostgreSQL server, kept open while the process lives. */
export interface Presence {
  /** The server pid of the connection now; null while it is being re-established. */
  pid(): number | null;
  close(): Promise<void>;
}

/**
 * Opens a connection that does nothing but stay open: the server ends its
 * backend the moment this process dies (the socket closes with it), so
 * other processes read in pg_stat_activity whether this one still lives,
 * without waiting for it to miss heartbeats. A lost connection is opened
 * again, and `onChange` told of the new pid.
 */
export async function openPresence(
  connectionString: string,
  onChange: () => void = () => {},
): Promise<Presence> {
  let current: { client: pg.Client; pid: number } | null = null;
  let closed = false;

  async function connect(): Promise<void> {
    const client = new pg.Client({ connectionString, application_name: 'threadline presence' });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const [row] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
      if (closed) {
        await client.end();
        return;
      }
      client.once('end', () => {
        current = null;
        if (!closed) setTimeout(() => void reconnect(), reconnectMs).unref();
      });
      current = { client, pid: row!.pid };
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  async function reconnect(): Promise<void> {
    if (closed) return;
    try {
      await connect();
      onChange();
    } catch {
      setTimeout(() => void reconnect(), reconnectMs).unref();
    }
  }

  await connect();
  return {
    pid: () => current?.pid ?? null,
    async close() {
      closed = true;
      await current?.client.end().catch(() => undefined);
      current = null;
    },
  };
}
