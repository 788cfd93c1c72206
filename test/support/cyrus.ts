import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ImapFlow } from 'imapflow';
import { freePort, waitForPort, type DovecotServer } from './dovecot.js';
import { plainImapClient } from './plain-imap-client.js';

const run = promisify(execFile);
/** Where scripts/fetch-cyrus.sh unpacks Debian's Cyrus IMAP (never installed: it conflicts with Dovecot). */
const cyrusTree = fileURLToPath(new URL('../../.test-data/cyrus', import.meta.url));
const cyrusBin = join(cyrusTree, 'usr', 'lib', 'cyrus', 'bin');
/** The admin who makes users' mailboxes; Cyrus names admins in its configuration. */
const admin = 'cyrus';

/**
 * A private Cyrus IMAP on loopback for one test file, with Debian's layout:
 * every folder under `INBOX.`, `.` as the separator, no SPECIAL-USE on any
 * folder (Sent is found by its name). Any password signs in: the tests check
 * what sync does with a second server, not its passwords.
 */
export interface CyrusServer {
  readonly host: string;
  readonly port: number;
  /** The server's path of a folder named as on Dovecot: `Sent` is `INBOX.Sent`, `A/B` is `INBOX.A.B`. */
  folder(name: string): string;
  /** Makes the user's INBOX with Sent, Drafts, Junk and Trash as plain folders. */
  addUser(user: string, password: string): Promise<void>;
  appendMessage: DovecotServer['appendMessage'];
  createFolder(user: string, folder: string): Promise<void>;
  renameFolder(user: string, from: string, to: string): Promise<void>;
  deleteFolder(user: string, folder: string): Promise<void>;
  /** Deletes the folder and makes it again with the same messages, so it has a new UIDVALIDITY. */
  resetFolder(user: string, folder: string): Promise<void>;
  /** Runs `work` signed in as the user, and signs out. */
  withClient<T>(user: string, work: (client: ImapFlow) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

export async function startCyrus(
  options: {
    /**
     * Starts Cyrus's `idled` beside imapd (true by default). Without it, IDLE
     * is accepted and reports nothing within a test's time: imapd would look
     * for changes itself only once an hour.
     */
    idled?: boolean;
  } = {},
): Promise<CyrusServer> {
  if (!existsSync(join(cyrusBin, 'master'))) {
    throw new Error(
      `Cyrus IMAP is not unpacked (${cyrusTree} is missing): run scripts/install-test-deps.sh`,
    );
  }
  const base = await mkdtemp(join(tmpdir(), 'threadline-cyrus-'));
  await chmod(base, 0o755);
  const port = await freePort();
  await writeConfiguration(base, port, options.idled ?? true);
  const child = spawn(
    join(cyrusBin, 'master'),
    ['-C', join(base, 'imapd.conf'), '-M', join(base, 'cyrus.conf'), '-p', join(base, 'pid'), '-D'],
    {
      cwd: base,
      // Its own process group, so stopping ends the master and every child it forked.
      detached: true,
      stdio: 'ignore',
      env: {
        ...process.env,
        LD_LIBRARY_PATH: [
          join(cyrusTree, 'usr', 'lib', 'x86_64-linux-gnu'),
          join(cyrusTree, 'lib', 'x86_64-linux-gnu'),
        ].join(':'),
        // SASL mechanisms from the unpacked tree when the system has none.
        SASL_PATH: [
          '/usr/lib/x86_64-linux-gnu/sasl2',
          join(cyrusTree, 'usr', 'lib', 'x86_64-linux-gnu', 'sasl2'),
        ].join(':'),
      },
    },
  );
  const stop = async () => {
    await killGroup(child);
    await rm(base, { recursive: true, force: true, maxRetries: 5 });
  };
  try {
    await waitForPort(port);
  } catch (error) {
    await stop();
    throw error;
  }

  const withClient = async <T>(user: string, work: (client: ImapFlow) => Promise<T>) => {
    const client = await plainImapClient(port, user, 'any');
    try {
      return await work(client);
    } finally {
      await client.logout();
    }
  };
  const folder = (name: string) =>
    name === 'INBOX' ? 'INBOX' : `INBOX.${name.replace(/\//g, '.')}`;

  return {
    host: '127.0.0.1',
    port,
    folder,
    withClient,
    async addUser(user) {
      await withClient(admin, (client) => client.mailboxCreate(`user.${user}`));
      await withClient(user, async (client) => {
        for (const name of ['Sent', 'Drafts', 'Junk', 'Trash']) {
          await client.mailboxCreate(folder(name));
        }
      });
    },
    appendMessage: (user, path, raw, flags = [], internalDate) =>
      withClient(user, async (client) => {
        await client.append(path, raw, flags, internalDate);
      }),
    createFolder: (user, path) =>
      withClient(user, async (client) => {
        await client.mailboxCreate(path);
      }),
    renameFolder: (user, from, to) =>
      withClient(user, async (client) => {
        await client.mailboxRename(from, to);
      }),
    deleteFolder: (user, path) =>
      withClient(user, async (client) => {
        await client.mailboxDelete(path);
      }),
    resetFolder: (user, path) =>
      withClient(user, async (client) => {
        const kept: { source: Buffer; flags: string[]; date: Date | undefined }[] = [];
        await client.mailboxOpen(path);
        for await (const message of client.fetch('1:*', {
          source: true,
          flags: true,
          internalDate: true,
        })) {
          kept.push({
            source: message.source!,
            flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent'),
            date: message.internalDate ? new Date(message.internalDate) : undefined,
          });
        }
        await client.mailboxClose();
        await client.mailboxDelete(path);
        await client.mailboxCreate(path);
        for (const message of kept) {
          await client.append(path, message.source, message.flags, message.date);
        }
      }),
    stop,
  };
}

async function writeConfiguration(base: string, port: number, idled: boolean): Promise<void> {
  const dirs = ['conf', 'spool', 'run/proc', 'run/lock', 'run/socket'].map((d) => join(base, d));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  const config = join(base, 'imapd.conf');
  await writeFile(
    config,
    `configdirectory: ${base}/conf
proc_path: ${base}/run/proc
mboxname_lockpath: ${base}/run/lock
defaultpartition: default
partition-default: ${base}/spool
altnamespace: no
unixhierarchysep: no
admins: ${admin}
allowplaintext: yes
sasl_pwcheck_method: alwaystrue
sasl_mech_list: PLAIN LOGIN
idlesocket: ${base}/run/socket/idle
notifysocket: ${base}/run/socket/notify
lmtpsocket: ${base}/run/socket/lmtp
cyrus_user: nobody
cyrus_group: nogroup
syslog_prefix: threadline-cyrus
${
  // Without idled, imapd looks for changes itself at this interval while in IDLE.
  idled ? '' : 'imapidlepoll: 3600\n'
}`,
  );
  const command = (name: string) => `${join(cyrusBin, name)} -C ${config}`;
  await writeFile(
    join(base, 'cyrus.conf'),
    `START {
  recover cmd="${command('ctl_cyrusdb')} -r"
}
SERVICES {
  imap cmd="${command('imapd')}" listen="127.0.0.1:${port}" prefork=0
}
EVENTS {
}
DAEMON {
${idled ? `  idled cmd="${command('idled')}"\n` : ''}}
`,
  );
  // Started as root, Cyrus runs as nobody: it must own what it writes.
  if (process.getuid?.() === 0) {
    await run('chown', [
      '-R',
      'nobody:nogroup',
      ...['conf', 'spool', 'run'].map((d) => join(base, d)),
    ]);
  }
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  await exited;
}
