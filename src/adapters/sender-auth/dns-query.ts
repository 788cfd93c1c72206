import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { randomInt } from 'node:crypto';
import * as dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, Packet, RecordType } from 'dns-packet';

/** A DNS server as `host:port` (IPv6 as `[::1]:53`); port 53 when absent. */
export interface DnsServerAddress {
  readonly host: string;
  readonly port: number;
}

export interface DnsReply {
  /** `NOERROR`, `NXDOMAIN`, `SERVFAIL`, `REFUSED`… as the server answered. */
  readonly rcode: string;
  readonly answers: readonly Answer[];
  readonly authorities: readonly Answer[];
}

/** The lookup got no answer in time, or the transport failed: the caller's `ETIMEOUT`. */
export class DnsTransportError extends Error {
  constructor(
    message: string,
    readonly code: 'ETIMEOUT' | 'ECONNREFUSED',
  ) {
    super(message);
    this.name = 'DnsTransportError';
  }
}

export function parseDnsServer(text: string): DnsServerAddress | null {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+))(?::(\d{1,5}))?$/.exec(text.trim());
  const host = match?.[1] ?? match?.[2];
  const port = match?.[3] ? Number(match[3]) : 53;
  if (!host || port < 1 || port > 65_535) return null;
  return { host, port };
}

/**
 * One question to one server: over UDP with EDNS (large DKIM keys fit),
 * again over TCP when the answer comes back truncated. Rejects with a
 * DnsTransportError when no answer arrives within `timeoutMs`.
 */
export async function queryDns(
  server: DnsServerAddress,
  name: string,
  type: RecordType,
  timeoutMs: number,
): Promise<DnsReply> {
  const question: Packet = {
    type: 'query',
    id: randomInt(1, 65_535),
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name, class: 'IN' }],
    additionals: [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: 4096,
        extendedRcode: 0,
        ednsVersion: 0,
        flags: 0,
        flag_do: false,
        options: [],
      },
    ],
  };
  const deadline = Date.now() + timeoutMs;
  const udp = await overUdp(server, question, timeoutMs);
  const reply = udp.flag_tc ? await overTcp(server, question, deadline - Date.now()) : udp;
  return {
    rcode: (reply as DecodedPacket & { rcode?: string }).rcode ?? 'NOERROR',
    answers: reply.answers ?? [],
    authorities: reply.authorities ?? [],
  };
}

function timedOut(server: DnsServerAddress, ms: number): DnsTransportError {
  return new DnsTransportError(
    `no DNS answer from ${server.host}:${server.port} in ${ms} ms`,
    'ETIMEOUT',
  );
}

/** Settles a query once, on its answer, its failure or its deadline, and closes its socket. */
function settleOnce(
  close: () => void,
  resolve: (reply: DecodedPacket) => void,
  reject: (error: Error) => void,
  deadline: { ms: number; error: Error },
): (outcome: DecodedPacket | Error) => void {
  const timer = setTimeout(() => finish(deadline.error), Math.max(deadline.ms, 1));
  let settled = false;
  const finish = (outcome: DecodedPacket | Error) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    close();
    if (outcome instanceof Error) reject(outcome);
    else resolve(outcome);
  };
  return finish;
}

function overUdp(server: DnsServerAddress, question: Packet, timeoutMs: number) {
  return new Promise<DecodedPacket>((resolve, reject) => {
    const socket = createSocket(server.host.includes(':') ? 'udp6' : 'udp4');
    const finish = settleOnce(() => socket.close(), resolve, reject, {
      ms: timeoutMs,
      error: timedOut(server, timeoutMs),
    });
    socket.on('error', (error) => finish(new DnsTransportError(error.message, 'ECONNREFUSED')));
    socket.on('message', (message) => {
      try {
        const reply = dnsPacket.decode(message);
        // Another query's late answer on a reused port is not ours.
        if (reply.id === question.id) finish(reply);
      } catch {
        // A datagram that does not decode is ignored; the timeout still applies.
      }
    });
    socket.send(dnsPacket.encode(question), server.port, server.host);
  });
}

function overTcp(server: DnsServerAddress, question: Packet, timeoutMs: number) {
  return new Promise<DecodedPacket>((resolve, reject) => {
    const socket = connect(server.port, server.host);
    let received = Buffer.alloc(0);
    const finish = settleOnce(() => socket.destroy(), resolve, reject, {
      ms: timeoutMs,
      error: timedOut(server, timeoutMs),
    });
    socket.on('error', (error) => finish(new DnsTransportError(error.message, 'ECONNREFUSED')));
    socket.on('connect', () => socket.write(dnsPacket.streamEncode(question)));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 2 && received.length >= received.readUInt16BE(0) + 2) {
        try {
          finish(dnsPacket.streamDecode(received) as DecodedPacket);
        } catch (error) {
          finish(new DnsTransportError(String(error), 'ECONNREFUSED'));
        }
      }
    });
  });
}
