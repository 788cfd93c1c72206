import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { senderAdmits, type SenderRateLimit } from '../../core/capture-address/sender-rate.js';
import type { SmtpEnvelope } from '../sender-auth/check-sender.js';

/** The slice of the capture service the receiver calls. */
export interface ReceiverHandlers {
  /** The user a recipient belongs to, or the text to refuse it with. */
  recipient(address: string): Promise<{ userId: string } | { refused: string }>;
  /**
   * Files a received message for its users; settles once it is stored.
   * `envelope` is what the connection says of the sender, for its checks.
   */
  deliver(
    userIds: readonly string[],
    raw: Uint8Array,
    source: string,
    envelope: SmtpEnvelope,
  ): Promise<unknown>;
}

export interface ReceiverOptions {
  readonly host: string;
  /** 0 picks a free port: `port` of the running receiver says which. */
  readonly port: number;
  /** The name the receiver greets with. */
  readonly name: string;
  readonly maxBytes: number;
  readonly senderRate: SenderRateLimit;
  /** PEM certificate and key for STARTTLS; without them STARTTLS is not offered. */
  readonly tls: { readonly cert: string; readonly key: string } | null;
  readonly now: () => number;
  /** Told of a delivery that could not be stored (the sender hears 451 and tries again). */
  readonly onError?: (error: unknown) => void;
}

export interface RunningReceiver {
  readonly port: number;
  close(): Promise<void>;
}

/** An error smtp-server answers with this reply code. */
function reply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The capture address's SMTP receiver (smtp-server): no AUTH, anyone may
 * deliver, but only to a capture address that exists, checked at RCPT
 * time so a wrong or revoked address is refused (550) before any data is
 * sent. A message over the size limit is refused (552, and at MAIL FROM
 * when the client declares its SIZE); a sender over its rate is told to
 * come back later (450). The sender hears 250 only once the message is
 * stored; a store failure answers 451, so the sending server retries.
 */
export async function startSmtpReceiver(
  options: ReceiverOptions,
  handlers: ReceiverHandlers,
): Promise<RunningReceiver> {
  const senders = senderGate(options);
  const usersOf = new WeakMap<SMTPServerSession['envelope'], string[]>();
  let deliveries = 0;
  const server = new SMTPServer({
    name: options.name,
    banner: 'Threadline capture',
    size: options.maxBytes,
    rejectOversized: true,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    hideENHANCEDSTATUSCODES: false,
    disableReverseLookup: true,
    logger: false,
    maxRecipients: 50,
    onMailFrom(address, _session, callback) {
      const sender = address.address.toLowerCase();
      if (senders.admits(sender)) callback();
      else
        callback(reply(450, `Too many messages from <${sender}> for the moment; try again later`));
    },
    onRcptTo(address, session, callback) {
      handlers.recipient(address.address).then(
        (check) => {
          if ('refused' in check) {
            callback(reply(550, check.refused));
            return;
          }
          const users = usersOf.get(session.envelope) ?? [];
          if (!users.includes(check.userId)) users.push(check.userId);
          usersOf.set(session.envelope, users);
          callback();
        },
        () =>
          callback(reply(451, 'The recipient cannot be checked for the moment; try again later')),
      );
    },
    onData(stream, session, callback) {
      readAll(stream, options.maxBytes).then(
        async (raw) => {
          if (stream.sizeExceeded) {
            callback(reply(552, `Message exceeds the limit of ${options.maxBytes} bytes`));
            return;
          }
          const sender =
            session.envelope.mailFrom === false
              ? ''
              : session.envelope.mailFrom.address.toLowerCase();
          const users = usersOf.get(session.envelope) ?? [];
          deliveries += 1;
          try {
            await handlers.deliver(users, raw, `smtp ${session.id} #${deliveries}`, {
              clientIp: session.remoteAddress,
              helo: session.hostNameAppearsAs,
              mailFrom: sender,
            });
          } catch (error) {
            options.onError?.(error);
            callback(reply(451, 'The message could not be stored for the moment; try again later'));
            return;
          }
          senders.delivered(sender);
          callback(null, 'Filed');
        },
        (error: unknown) => callback(error as Error),
      );
    },
  });
  server.on('error', (error) => options.onError?.(error));
  await listen(server, options.port, options.host);
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function listen(server: SMTPServer, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Each sender's recent deliveries, against the rate limit. */
function senderGate(options: Pick<ReceiverOptions, 'now' | 'senderRate'>) {
  const recentBySender = new Map<string, number[]>();
  return {
    admits(sender: string): boolean {
      const { admitted, recent } = senderAdmits(
        recentBySender.get(sender) ?? [],
        options.now(),
        options.senderRate,
      );
      if (recent.length > 0) recentBySender.set(sender, recent);
      else recentBySender.delete(sender);
      return admitted;
    },
    delivered(sender: string): void {
      recentBySender.set(sender, [...(recentBySender.get(sender) ?? []), options.now()]);
    },
  };
}

/** The message's bytes; past the limit the rest is read and let go, since it is refused. */
async function readAll(stream: SMTPServerDataStream, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size <= maxBytes) chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
