import type { ExistsEvent } from 'imapflow';
import { ThreadlineError } from '../../core/errors.js';
import { storedFlags } from './imap-fetch.js';
import type { ImapSessionContext } from './imap-session-context.js';

export interface FlagChange {
  readonly uid: number;
  readonly flags: readonly string[];
}

export interface FolderChanges {
  readonly flags: readonly FlagChange[];
  /** UIDs expunged since the MODSEQ (QRESYNC's VANISHED); null when the server cannot say. */
  readonly vanished: readonly number[] | null;
}

export type ChangeWait = 'exists' | 'timeout' | 'aborted';

/** What a session learns of a folder's changes without reading its messages. */
export interface ImapChangeReads {
  /**
   * Flags of the messages whose MODSEQ is above `modseq` and, with QRESYNC,
   * the UIDs expunged since; needs CONDSTORE (PROTOCOL_ERROR without).
   */
  changedSince(path: string, modseq: string): Promise<FolderChanges>;
  /** The flags of the folder's messages `from` to `to` by sequence number. */
  flagsOf(path: string, from: number, to: number): Promise<readonly FlagChange[]>;
  /**
   * Waits (IMAP IDLE) until a folder gets new mail, the time is up or the signal
   * aborts; selects the folder first only when it is not selected already.
   */
  waitForChange(path: string, signal: AbortSignal, timeoutMs: number): Promise<ChangeWait>;
}

export function imapChangeReads(session: ImapSessionContext): ImapChangeReads {
  const { client, fail, wrap, select } = session;
  return {
    changedSince: (path, modseq) =>
      wrap(async () => {
        if (!client.capabilities.has('CONDSTORE')) {
          throw new ThreadlineError(
            'PROTOCOL_ERROR',
            `${session.host} does not support CONDSTORE, so changed flags cannot be asked for.`,
          );
        }
        const opened = await select(path);
        const qresync = client.enabled.has('QRESYNC');
        // By UID: a change the server already pushed on this connection can come twice.
        const flags = new Map<number, string[]>();
        const vanished: number[] = [];
        if (opened.exists === 0 && !qresync) return { flags: [], vanished: null };
        // VANISHED (EARLIER) arrives as expunge events while the FETCH runs.
        const onExpunge = (event: { path: string; uid?: number; vanished: boolean }) => {
          if (event.vanished && event.path === path && event.uid !== undefined) {
            vanished.push(event.uid);
          }
        };
        client.on('expunge', onExpunge);
        try {
          const query = { uid: true, flags: true };
          // Up to the last UID given out, not `*`: `*` is the highest UID still there,
          // and a server may then leave out the deleted UIDs above it (Cyrus does).
          const range = `1:${Math.max(opened.uidNext - 1, 1)}`;
          for await (const message of client.fetch(range, query, {
            uid: true,
            changedSince: BigInt(modseq),
          })) {
            flags.set(message.uid, storedFlags(message));
          }
        } finally {
          client.off('expunge', onExpunge);
        }
        return {
          flags: [...flags]
            .map(([uid, kept]) => ({ uid, flags: kept }))
            .sort((a, b) => a.uid - b.uid),
          vanished: qresync ? vanished.sort((a, b) => a - b) : null,
        };
      }),

    flagsOf: (path, from, to) =>
      wrap(async () => {
        await select(path);
        const flags: FlagChange[] = [];
        for await (const message of client.fetch(`${from}:${to}`, { uid: true, flags: true })) {
          flags.push({ uid: message.uid, flags: storedFlags(message) });
        }
        return flags;
      }),

    async waitForChange(path, signal, timeoutMs) {
      if (signal.aborted) return 'aborted';
      // A watcher keeps its session selected between waits: IDLE reports what changed since.
      await wrap(() => select(path));
      let outcome: ChangeWait | null = null;
      let wake = () => {};
      const woken = new Promise<void>((resolve) => {
        wake = resolve;
      });
      const settle = (result: ChangeWait) => {
        outcome ??= result;
        wake();
      };
      const onExists = (event: ExistsEvent) => {
        if (event.count > event.prevCount) settle('exists');
      };
      const onAbort = () => settle('aborted');
      const timer = setTimeout(() => settle('timeout'), timeoutMs);
      client.on('exists', onExists);
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        while (outcome === null) {
          const idling = client.idle().catch((error: unknown) => {
            throw fail(error);
          });
          // Awaited below on every path but a failed break; that one must not go unhandled.
          idling.catch(() => undefined);
          const ended = await Promise.race([woken.then(() => null), idling.then((r) => ({ r }))]);
          if (ended === null) {
            // Any command ends IDLE; wait for it so the next caller finds a free connection.
            await wrap(() => client.noop());
            await idling;
          } else if (ended.r === false && outcome === null) {
            throw client.usable
              ? new ThreadlineError('PROTOCOL_ERROR', `${session.host} refused IDLE.`)
              : fail(session.lastSocketError() ?? { message: 'connection closed' });
          }
        }
        return outcome;
      } finally {
        clearTimeout(timer);
        client.off('exists', onExists);
        signal.removeEventListener('abort', onAbort);
      }
    },
  };
}
