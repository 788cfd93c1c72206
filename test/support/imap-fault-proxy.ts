import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A command a client sent, as the proxy read it: enough to pick one out.
 * `name` is upper-case and takes in the UID prefix ("UID FETCH"); `line` is
 * the command's first line without its CRLF (literals follow apart).
 */
export interface ClientCommand {
  readonly tag: string;
  readonly name: string;
  readonly line: string;
  /** Which connection through the proxy sent it, counted from 1. */
  readonly connection: number;
  /** When the proxy read it, in ms (`performance.now()`). */
  readonly at: number;
}

/**
 * What happens to the chosen command: `drop` closes both sides without a word,
 * `bye` answers `* BYE` and closes, `delay` holds the command (and everything
 * the client sends after it) for `ms` before the server sees it.
 */
export type FaultAction =
  | { readonly kind: 'drop' }
  | { readonly kind: 'bye'; readonly text?: string }
  | { readonly kind: 'delay'; readonly ms: number };

export interface Fault {
  /** Which commands count; the fault strikes the `occurrence`-th of them (1 by default). */
  readonly on: (command: ClientCommand) => boolean;
  readonly occurrence?: number;
  readonly action: FaultAction;
  /**
   * For `drop` and `bye`: the command reaches the server first, and the fault
   * strikes this many milliseconds later (say, while an IDLE is running).
   * Absent, it strikes before the server sees the command.
   */
  readonly afterMs?: number;
}

/** A fault handed to the proxy: tells whether it struck, and on which command. */
export interface ArmedFault {
  readonly struck: ClientCommand | null;
}

/** An IMAP proxy on loopback in front of a server, striking the faults it is given. */
export interface ImapFaultProxy {
  readonly host: string;
  readonly port: number;
  /** Every command seen, in order, across connections. */
  readonly commands: readonly ClientCommand[];
  /** Strikes once, at the command it names, counted from now. */
  inject(fault: Fault): ArmedFault;
  /** Closes the listener and every connection through it. */
  stop(): Promise<void>;
}

/** Commands named by what they do, for `Fault.on`. */
export const commandIs =
  (...names: string[]) =>
  (command: ClientCommand): boolean =>
    names.includes(command.name);

/** A command whose first line holds `word` (say, CHANGEDSINCE), whatever its name. */
export const commandHas =
  (name: string, word: string) =>
  (command: ClientCommand): boolean =>
    command.name === name && command.line.toUpperCase().includes(word.toUpperCase());

/**
 * Starts the proxy in front of `target`. It reads client commands in the
 * clear, so the client must not start TLS: after STARTTLS or COMPRESS the
 * bytes pass through unread and no fault strikes that connection.
 */
export async function startImapFaultProxy(
  target: { readonly host: string; readonly port: number },
  options: {
    /**
     * Rewrites a command line (without its CRLF) before the server sees it,
     * to make a server behave as another would; lines that carry a literal
     * are left alone.
     */
    readonly rewrite?: (line: string) => string;
  } = {},
): Promise<ImapFaultProxy> {
  const commands: ClientCommand[] = [];
  const pending: { fault: Fault; seen: number; armed: { struck: ClientCommand | null } }[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;

  /** The fault that strikes `command`, if any; each strikes once. */
  const strikes = (command: ClientCommand): Fault | null => {
    for (const [index, entry] of pending.entries()) {
      if (!entry.fault.on(command)) continue;
      entry.seen += 1;
      if (entry.seen < (entry.fault.occurrence ?? 1)) continue;
      entry.armed.struck = command;
      pending.splice(index, 1);
      return entry.fault;
    }
    return null;
  };

  const server: Server = createServer((client) => {
    connections += 1;
    const connection = connections;
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.once('close', () => {
      sockets.delete(client);
      upstream.destroy();
    });
    upstream.once('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
    upstream.on('data', (chunk: Buffer) => {
      if (!client.destroyed) client.write(chunk);
    });

    const reader = commandReader();
    // Client bytes go out in order: a held command holds everything after it.
    let outgoing: Promise<void> = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      for (const piece of reader.read(chunk)) {
        const command = piece.command
          ? { ...piece.command, connection, at: performance.now() }
          : null;
        if (command) commands.push(command);
        const fault = command ? strikes(command) : null;
        const bytes =
          command && options.rewrite && !/\}$/.test(command.line)
            ? Buffer.from(`${options.rewrite(command.line)}\r\n`, 'latin1')
            : piece.bytes;
        outgoing = outgoing.then(() => forward(bytes, fault));
      }
    });

    async function forward(bytes: Buffer, fault: Fault | null): Promise<void> {
      const action = fault?.action;
      if (action?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, action.ms));
      if (client.destroyed || upstream.destroyed) return;
      if (!action || action.kind === 'delay') {
        upstream.write(bytes);
      } else if (fault?.afterMs === undefined) {
        strike(action);
      } else {
        upstream.write(bytes);
        setTimeout(() => strike(action), fault.afterMs);
      }
    }

    function strike(action: FaultAction): void {
      if (action.kind === 'bye') {
        client.end(`* BYE ${action.text ?? 'Fault injected by the test proxy'}\r\n`);
        upstream.destroy();
      } else {
        closeBoth();
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    host: '127.0.0.1',
    port,
    commands,
    inject(fault) {
      const armed = { struck: null as ClientCommand | null };
      pending.push({ fault, seen: 0, armed });
      return armed;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A run of client bytes, and the command it starts when it starts one. */
interface Piece {
  readonly bytes: Buffer;
  readonly command: Omit<ClientCommand, 'connection' | 'at'> | null;
}

/**
 * Cuts a client's byte stream into pieces at each command's start, skipping
 * over literals (`{n}` and `{n+}`), so a message an APPEND carries is never
 * read as commands. Lines that are no command (DONE, a SASL answer) travel
 * with no command named.
 */
export function commandReader() {
  let buffered = Buffer.alloc(0);
  /** Literal bytes still to pass before the next line begins. */
  let literal = 0;
  /** Whether the next line continues a command after a literal. */
  let continuing = false;
  /** Once the connection turns to TLS or compression, nothing more is read. */
  let opaque = false;
  let lastCommand = '';

  return {
    read(chunk: Buffer): Piece[] {
      if (opaque) return [{ bytes: chunk, command: null }];
      buffered = Buffer.concat([buffered, chunk]);
      const pieces: Piece[] = [];
      for (;;) {
        if (literal > 0) {
          const taken = Math.min(literal, buffered.length);
          if (taken === 0) break;
          pieces.push({ bytes: buffered.subarray(0, taken), command: null });
          buffered = buffered.subarray(taken);
          literal -= taken;
          continue;
        }
        const end = buffered.indexOf('\r\n');
        if (end < 0) break;
        const bytes = buffered.subarray(0, end + 2);
        buffered = buffered.subarray(end + 2);
        const line = bytes.subarray(0, end).toString('latin1');
        const command = continuing ? null : parseCommand(line);
        if (command) lastCommand = command.name;
        const size = /\{(\d+)\+?\}$/.exec(line);
        literal = size ? Number(size[1]) : 0;
        continuing = literal > 0;
        pieces.push({ bytes, command });
        if (!continuing && (lastCommand === 'STARTTLS' || lastCommand === 'COMPRESS')) {
          opaque = true;
          if (buffered.length > 0) pieces.push({ bytes: buffered, command: null });
          buffered = Buffer.alloc(0);
          break;
        }
      }
      return pieces;
    },
  };
}

/** `tag NAME ...`, with UID joined to the command it prefixes; anything else is no command. */
function parseCommand(line: string): Omit<ClientCommand, 'connection' | 'at'> | null {
  const match = /^([^\s(){%*"\\\]+]+) ([A-Za-z]+)(?: ([A-Za-z]+))?/.exec(line);
  if (!match) return null;
  const first = match[2]!.toUpperCase();
  const name = first === 'UID' && match[3] ? `UID ${match[3].toUpperCase()}` : first;
  return { tag: match[1]!, name, line };
}
