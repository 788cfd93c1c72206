import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { plainImapClient } from './plain-imap-client.js';
import { writeSelfSignedCertificate } from './self-signed.js';

const run = promisify(execFile);
const dovecotBinary = '/usr/sbin/dovecot';

/** A private Dovecot on loopback for one test file: its own config, users and Maildirs. */
export interface DovecotServer {
  readonly host: string;
  /** Plain IMAP with STARTTLS offered. */
  readonly port: number;
  /** IMAP over TLS with a self-signed certificate. */
  readonly tlsPort: number;
  /** With `delivery`: LMTP on loopback, where an MTA hands over mail for the users. */
  readonly lmtpPort: number | null;
  /** With `delivery`: the auth socket an MTA checks submission logins against (Dovecot SASL). */
  readonly authSocket: string | null;
  addUser(user: string, password: string): Promise<void>;
  /** Appends through IMAP; `internalDate` stands for when the server received the message. */
  appendMessage(
    user: string,
    folder: string,
    raw: string | Buffer,
    flags?: string[],
    internalDate?: Date,
  ): Promise<void>;
  /** Writes messages straight into a Maildir folder: fast for large mailboxes. */
  writeMaildirMessages(user: string, folder: string, raws: readonly Buffer[]): Promise<void>;
  /** Empties a folder's Maildir and its index, so the next session sees a new UIDVALIDITY. */
  resetFolder(user: string, folder: string): Promise<void>;
  createFolder(user: string, folder: string): Promise<void>;
  /** Kills the server abruptly (clients see dropped connections), then starts it again. */
  restart(): Promise<void>;
  /** Kills the server abruptly and leaves it down, its mail kept, until `restart`. */
  down(): Promise<void>;
  stop(): Promise<void>;
}

/** What Debian's Dovecot 2.3 offers after login, for a server that is told to offer less. */
const dovecotCapabilities = (
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES ' +
  'THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN NAMESPACE ' +
  'UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES WITHIN ' +
  'CONTEXT=SEARCH LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE ' +
  'SAVEDATE LITERAL+ NOTIFY SPECIAL-USE'
).split(' ');

export async function startDovecot(
  options: {
    /** Extensions the server keeps quiet about, to test a client without them (say BINARY). */
    withoutCapabilities?: readonly string[];
    /** Also accept mail over LMTP and open the auth socket for an MTA (see `postfix.ts`). */
    delivery?: boolean;
    /**
     * Also accepts OAuth2 bearer tokens, checked by introspection at an
     * authorization server (Dovecot's `oauth2` passdb); `mechanisms` are the
     * SASL ones offered for them. Users signing in with a token need no password.
     */
    oauth2?: {
      readonly introspectionUrl: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly mechanisms: readonly ('xoauth2' | 'oauthbearer')[];
      /**
       * Whose mailboxes a token opens: by default the one user its `sub`
       * names; `domain` makes it every user of the domain that its
       * `mailbox_domain` claim names, as a tenant-wide application token does.
       */
      readonly tokenCovers?: 'user' | 'domain';
    };
  } = {},
): Promise<DovecotServer> {
  if (!existsSync(dovecotBinary)) {
    throw new Error(
      `Dovecot is not installed (${dovecotBinary} is missing): run scripts/install-test-deps.sh`,
    );
  }
  const base = await mkdtemp(join(tmpdir(), 'threadline-dovecot-'));
  await chmod(base, 0o755);
  const mailRoot = join(base, 'mail');
  await mkdir(mailRoot, { recursive: true });
  await chown(mailRoot, ...(await nobodyIds()));
  await writeSelfSignedCertificate(base);
  const [port = 0, tlsPort = 0, lmtpPort = 0] = await freePorts(3);
  const passwd = join(base, 'passwd');
  const passwords = new Map<string, string>();
  await mkdir(passwd);
  const config = join(base, 'dovecot.conf');
  if (options.oauth2) await writeFile(join(base, 'oauth2.conf'), oauth2Config(options.oauth2));
  await writeFile(
    config,
    `instance_name = threadline-${port}
base_dir = ${base}/run
state_dir = ${base}/state
log_path = ${base}/dovecot.log
listen = 127.0.0.1
protocols = imap${options.delivery ? ' lmtp' : ''}
ssl = yes
ssl_cert = <${base}/cert.pem
ssl_key = <${base}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login${options.oauth2 ? ` ${options.oauth2.mechanisms.join(' ')}` : ''}
auth_failure_delay = 0
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 1
mail_location = maildir:${mailRoot}/%u
passdb {
  driver = passwd-file
${options.oauth2 ? '  mechanisms = plain login\n' : ''}  args = scheme=PLAIN username_format=%u ${passwd}/%u
}
${
  options.oauth2
    ? `passdb {
  driver = oauth2
  mechanisms = ${options.oauth2.mechanisms.join(' ')}
  args = ${base}/oauth2.conf
}
`
    : ''
}userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${mailRoot}/%u
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}
# A fleet's tests hold a thousand IMAP sessions, each a process of its own
# with connections to the stats and anvil services: past the defaults (1,000
# clients, 1,024 imap processes) new sessions stall until they time out.
default_client_limit = 10000
service imap {
  process_limit = 5000
}
# Unreachable to auth, which then skips the per-IP penalty that delays every
# login for seconds after a wrong password.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
${options.delivery ? deliveryServices(lmtpPort) : ''}${
      options.withoutCapabilities
        ? `protocol imap {
  imap_capability = ${dovecotCapabilities.filter((c) => !options.withoutCapabilities!.includes(c)).join(' ')}
}
`
        : ''
    }service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = ${tlsPort}
    ssl = yes
  }
}
`,
  );
  // Standard streams to /dev/null: the daemon keeps inherited pipes open and the caller would hang.
  const launch = async () => {
    const child = spawn(dovecotBinary, ['-c', config], { stdio: 'ignore' });
    const started = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', resolve);
    });
    if (started !== 0) {
      const log = await readFile(join(base, 'dovecot.log'), 'utf8').catch(() => '');
      await rm(base, { recursive: true, force: true });
      throw new Error(`dovecot exited with ${started}:\n${log.slice(-2000)}`);
    }
  };
  const kill = async () => {
    const pid = Number(
      (await readFile(join(base, 'run', 'master.pid'), 'utf8').catch(() => '0')).trim(),
    );
    if (pid > 0) {
      // The master leads its own process group: killing the group ends every Dovecot
      // process of this instance at once, where SIGTERM takes a second or more.
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      for (let i = 0; i < 100 && (await isRunning(pid)); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  const stop = async () => {
    await kill();
    await rm(base, { recursive: true, force: true, maxRetries: 5 });
  };
  await launch();
  try {
    await waitForPort(port);
    await waitForPort(tlsPort);
    if (options.delivery) await waitForPort(lmtpPort);
  } catch (error) {
    await stop();
    throw error;
  }

  const client = (user: string) => plainImapClient(port, user, passwords.get(user) ?? '');
  const folderDir = (user: string, folder: string) =>
    folder === 'INBOX'
      ? join(mailRoot, user)
      : join(mailRoot, user, `.${folder.replace(/\//g, '.')}`);
  let sequence = 0;

  return {
    host: '127.0.0.1',
    port,
    tlsPort,
    lmtpPort: options.delivery ? lmtpPort : null,
    authSocket: options.delivery ? join(base, 'run', 'auth-client') : null,
    async addUser(user, password) {
      passwords.set(user, password);
      // One passwd-file per user: Dovecot caches a shared file and reloads it at
      // most about once a second, so users added in quick succession went unknown.
      await writeFile(join(passwd, user), `${user}:{PLAIN}${password}\n`);
    },
    async appendMessage(user, folder, raw, flags = [], internalDate) {
      const imap = await client(user);
      try {
        await imap.append(folder, raw, flags, internalDate);
      } finally {
        await imap.logout();
      }
    },
    async createFolder(user, folder) {
      const imap = await client(user);
      try {
        await imap.mailboxCreate(folder);
      } finally {
        await imap.logout();
      }
    },
    async writeMaildirMessages(user, folder, raws) {
      const dir = folderDir(user, folder);
      for (const sub of ['cur', 'new', 'tmp']) await mkdir(join(dir, sub), { recursive: true });
      const at = Math.floor(Date.now() / 1000);
      await Promise.all(
        raws.map((raw, index) =>
          writeFile(
            join(dir, 'cur', `${at}.M${(sequence += 1)}P${index}.threadline,S=${raw.length}:2,S`),
            raw,
          ),
        ),
      );
      await run('chown', ['-R', 'nobody:nogroup', join(mailRoot, user)]);
    },
    async resetFolder(user, folder) {
      const dir = folderDir(user, folder);
      const files = [
        'dovecot-uidlist',
        'dovecot.index',
        'dovecot.index.log',
        'dovecot.index.cache',
      ];
      await Promise.all(files.map((file) => rm(join(dir, file), { force: true })));
    },
    /** Kills the server abruptly (clients see dropped connections), then starts it again. */
    async restart() {
      await kill();
      await rm(join(base, 'run', 'master.pid'), { force: true });
      await launch();
      await waitForPort(port);
    },
    down: kill,
    stop,
  };
}

/**
 * LMTP for delivery, and an auth socket any local user may open: the MTA's
 * smtpd runs as its own unprivileged user. Users are looked up by the full
 * recipient address, so a user added as `dana@customer.test` receives mail.
 */
function deliveryServices(lmtpPort: number): string {
  return `service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
}
service auth {
  unix_listener auth-client {
    mode = 0666
  }
}
`;
}

/**
 * Introspection only, and `active` true. The token's `sub` must be the user
 * signing in; for a domain-wide token, its `mailbox_domain` the user's
 * domain (Dovecot compares both sides through username_format).
 */
function oauth2Config(oauth2: NonNullable<Parameters<typeof startDovecot>[0]>['oauth2']): string {
  const url = new URL(oauth2!.introspectionUrl);
  url.username = encodeURIComponent(oauth2!.clientId);
  url.password = encodeURIComponent(oauth2!.clientSecret);
  const wholeDomain = oauth2!.tokenCovers === 'domain';
  return `introspection_mode = post
introspection_url = ${url.href}
force_introspection = yes
username_attribute = ${wholeDomain ? 'mailbox_domain' : 'sub'}
${wholeDomain ? 'username_format = %Ld\n' : ''}active_attribute = active
active_value = true
`;
}

async function nobodyIds(): Promise<[number, number]> {
  const uid = Number((await run('id', ['-u', 'nobody'])).stdout.trim());
  const gid = Number((await run('getent', ['group', 'nogroup'])).stdout.split(':')[2]);
  return [uid, gid];
}

/** Alive and not a zombie: whoever adopted the daemon may take its time to reap it. */
async function isRunning(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

/** Distinct free ports: each stays bound until all are found, so none is handed out twice. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.on('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Dovecot did not open port ${port}`);
}
