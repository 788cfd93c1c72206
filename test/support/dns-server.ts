import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForPort } from './dovecot.js';

const dnsmasqBinary = '/usr/sbin/dnsmasq';

/** A TXT record: one name, its text (split into 255-byte strings as DNS requires). */
export interface TxtRecord {
  readonly name: string;
  readonly text: string;
}

export interface DnsServer {
  /** `127.0.0.1:port`, as the resolver setting takes it. */
  readonly address: string;
  readonly port: number;
  stop(): Promise<void>;
}

export const dnsmasqInstalled = existsSync(dnsmasqBinary);

/**
 * A private dnsmasq on loopback, answering only for `zones` from the given
 * records (anything else under a zone is NXDOMAIN), with every answer's TTL
 * `ttlSeconds`. It forwards nothing, reads no hosts file and no system
 * configuration, and runs in the foreground so it dies with its process.
 */
export async function startDnsServer(options: {
  readonly zones: readonly string[];
  readonly txt: readonly TxtRecord[];
  readonly a?: readonly { name: string; address: string }[];
  readonly ttlSeconds?: number;
  /** To come back on the port of a stopped server, so an app configured with it keeps asking. */
  readonly port?: number;
}): Promise<DnsServer> {
  const base = await mkdtemp(join(tmpdir(), 'tl-dns-'));
  const port = options.port ?? (await freePort());
  const config = join(base, 'dnsmasq.conf');
  const lines = [
    `port=${port}`,
    'listen-address=127.0.0.1',
    'bind-interfaces',
    'no-resolv',
    'no-hosts',
    'no-poll',
    `local-ttl=${options.ttlSeconds ?? 300}`,
    `pid-file=${join(base, 'dnsmasq.pid')}`,
    ...options.zones.map((zone) => `local=/${zone}/`),
    ...options.txt.map((record) => `txt-record=${record.name},${quotedStrings(record.text)}`),
    ...(options.a ?? []).map((record) => `address=/${record.name}/${record.address}`),
  ];
  await writeFile(config, `${lines.join('\n')}\n`);
  const child = spawn(dnsmasqBinary, ['--keep-in-foreground', `--conf-file=${config}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const stop = async () => {
    await ended(child);
    await rm(base, { recursive: true, force: true });
  };
  try {
    await waitForTcp(port, child, () => errors);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address: `127.0.0.1:${port}`, port, stop };
}

/** dnsmasq's TXT syntax: comma-separated quoted strings of at most 255 bytes each. */
function quotedStrings(text: string): string {
  const parts: string[] = [];
  for (let at = 0; at < text.length; at += 255) parts.push(text.slice(at, at + 255));
  return parts.map((part) => `"${part.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',');
}

async function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Listening on `port`, or the reason dnsmasq gave for exiting first. */
async function waitForTcp(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`dnsmasq exited with ${code}: ${log()}`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForPort(port), exited]);
}
