import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Queryable } from './database.js';
import { changeChannel, changeNoticesRepository } from './repositories/change-notices.js';

/**
 * Fan-out of small change notices (text) to the listeners of every process:
 * in this process alone on the embedded store, which one process owns; on a
 * PostgreSQL server through LISTEN/NOTIFY, so a change committed by a sync
 * worker reaches the process that holds a browser's open connection.
 */
export interface ChangeNotifier {
  publish(payload: string): Promise<void>;
  subscribe(listener: (payload: string) => void): () => void;
  close(): Promise<void>;
}

export function createInProcessNotifier(): ChangeNotifier {
  const emitter = new EventEmitter().setMaxListeners(0);
  return {
    async publish(payload) {
      emitter.emit('change', payload);
    },
    subscribe(listener) {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** How long a lost LISTEN connection waits before it connects again. */
const reconnectMs = 1000;

/**
 * NOTIFY through the store's pool; LISTEN on one connection of its own,
 * opened with the first listener and opened again when it is lost.
 */
export function createPostgresNotifier(
  database: Queryable,
  connectionString: string,
): ChangeNotifier {
  const local = createInProcessNotifier();
  let listening: Promise<pg.Client | null> | null = null;
  let closed = false;
  let listeners = 0;

  async function listen(): Promise<pg.Client | null> {
    const client = new pg.Client({ connectionString });
    client.on('error', () => undefined);
    client.on('notification', (message) => {
      if (message.channel === changeChannel && message.payload) void local.publish(message.payload);
    });
    client.on('end', () => {
      listening = null;
      if (!closed && listeners > 0) setTimeout(ensureListening, reconnectMs).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${changeChannel}`);
      return client;
    } catch {
      await client.end().catch(() => undefined);
      listening = null;
      if (!closed && listeners > 0) setTimeout(ensureListening, reconnectMs).unref();
      return null;
    }
  }

  function ensureListening(): void {
    if (closed || listening) return;
    listening = listen();
  }

  return {
    async publish(payload) {
      await changeNoticesRepository(database).announce(payload);
    },
    subscribe(listener) {
      listeners += 1;
      ensureListening();
      const stop = local.subscribe(listener);
      return () => {
        listeners -= 1;
        stop();
      };
    },
    async close() {
      closed = true;
      const client = await listening;
      await client?.end().catch(() => undefined);
      await local.close();
    },
  };
}
