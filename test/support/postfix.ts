import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, type DovecotServer } from './dovecot.js';
import { writeSelfSignedCertificate } from './self-signed.js';

const run = promisify(execFile);
const postfixBinary = '/usr/sbin/postfix';

/**
 * A private Postfix on loopback for one test file: submission with Dovecot
 * SASL logins (the same users and passwords as the IMAP side), STARTTLS
 * offered with a self-signed certificate, and every recipient delivered to
 * that Dovecot over LMTP.
 */
export interface PostfixServer {
  readonly host: string;
  /** Submission: AUTH PLAIN/LOGIN against Dovecot, STARTTLS offered, relaying only after login. */
  readonly port: number;
  /** Waits until Postfix's queue is empty: every accepted message was handed to Dovecot or bounced. */
  drain(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startPostfix(dovecot: DovecotServer): Promise<PostfixServer> {
  if (!existsSync(postfixBinary)) {
    throw new Error(
      `Postfix is not installed (${postfixBinary} is missing): run scripts/install-test-deps.sh`,
    );
  }
  if (dovecot.lmtpPort === null || dovecot.authSocket === null) {
    throw new Error('Start Dovecot with { delivery: true } for Postfix to deliver and log in');
  }
  const base = await mkdtemp(join(tmpdir(), 'threadline-postfix-'));
  await chmod(base, 0o755);
  await writeSelfSignedCertificate(base);
  const port = await freePort();
  // Postfix's own start script makes the queue's subfolders; the data folder must be its user's.
  await mkdir(join(base, 'queue'));
  await mkdir(join(base, 'data'));
  const postfixUser = Number((await run('id', ['-u', 'postfix'])).stdout.trim());
  await chown(join(base, 'data'), postfixUser, -1);
  await writeFile(join(base, 'main.cf'), mainConfig(base, dovecot));
  await writeFile(join(base, 'master.cf'), masterConfig(port));
  const postfix = (...args: string[]) => run(postfixBinary, ['-c', base, ...args]);
  const stop = async () => {
    // `abort` ends the master and its children at once; `stop` waits for them to finish.
    await postfix('abort').catch(() => undefined);
    await waitUntil(async () => !(await isRunning(base)), 5_000).catch(() => undefined);
    await rm(base, { recursive: true, force: true, maxRetries: 5 });
  };
  try {
    await postfix('start');
    await waitForBanner(port);
  } catch (error) {
    const log = await readFile(join(base, 'postfix.log'), 'utf8').catch(() => '');
    await stop();
    throw new Error(`postfix did not start: ${String(error)}\n${log.slice(-2000)}`);
  }
  return {
    host: '127.0.0.1',
    port,
    async drain(timeoutMs = 15_000) {
      await waitUntil(async () => {
        const { stdout } = await run('/usr/sbin/postqueue', ['-c', base, '-j']);
        return stdout.trim() === '';
      }, timeoutMs);
    },
    stop,
  };
}

function mainConfig(base: string, dovecot: DovecotServer): string {
  return `compatibility_level = 3.6
queue_directory = ${base}/queue
data_directory = ${base}/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = ${base}/postfix.log
maillog_file_prefixes = ${base}
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mta.threadline.test
mydomain = threadline.test
myorigin = $myhostname
mydestination =
mynetworks =
alias_maps =
alias_database =
local_recipient_maps =
biff = no
smtputf8_enable = no
# Every domain is Dovecot's: a message to anyone is handed to it over LMTP,
# which refuses an unknown user as the real server would.
virtual_mailbox_domains = static:all
virtual_mailbox_maps = static:yes
virtual_transport = lmtp:inet:127.0.0.1:${dovecot.lmtpPort}
smtpd_sasl_type = dovecot
smtpd_sasl_path = ${dovecot.authSocket}
smtpd_sasl_auth_enable = yes
smtpd_tls_security_level = may
smtpd_tls_auth_only = no
smtpd_tls_cert_file = ${base}/cert.pem
smtpd_tls_key_file = ${base}/key.pem
smtpd_relay_restrictions = permit_sasl_authenticated, reject
smtpd_recipient_restrictions = permit_sasl_authenticated, reject
# Tests measure the client, not the server's tar pit.
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 1000
smtpd_hard_error_limit = 1000
smtpd_client_connection_rate_limit = 0
anvil_rate_time_unit = 60s
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
`;
}

/** Only the services a submission-to-LMTP relay uses, none chrooted (the queue has no copy of /etc). */
function masterConfig(port: number): string {
  const services = [
    `127.0.0.1:${port} inet n - n - - smtpd`,
    'pickup unix n - n 60 1 pickup',
    'cleanup unix n - n - 0 cleanup',
    'qmgr unix n - n 300 1 qmgr',
    'tlsmgr unix - - n 1000? 1 tlsmgr',
    'rewrite unix - - n - - trivial-rewrite',
    'bounce unix - - n - 0 bounce',
    'defer unix - - n - 0 bounce',
    'trace unix - - n - 0 bounce',
    'verify unix - - n - 1 verify',
    'flush unix n - n 1000? 0 flush',
    'proxymap unix - - n - - proxymap',
    'smtp unix - - n - - smtp',
    'showq unix n - n - - showq',
    'error unix - - n - - error',
    'retry unix - - n - - error',
    'discard unix - - n - - discard',
    'lmtp unix - - n - - lmtp',
    'anvil unix - - n - 1 anvil',
    'scache unix - - n - 1 scache',
    'postlog unix-dgram n - n - 1 postlogd',
  ];
  return `${services.join('\n')}\n`;
}

async function isRunning(base: string): Promise<boolean> {
  const pid = Number(
    (await readFile(join(base, 'queue', 'pid', 'master.pid'), 'utf8').catch(() => '0')).trim(),
  );
  if (!(pid > 0)) return false;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat !== null && !/\) [ZX] /.test(stat);
}

async function waitUntil(done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Postfix: not done after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The port opens before smtpd is ready: wait for its 220 greeting. */
async function waitForBanner(port: number): Promise<void> {
  const { connect } = await import('node:net');
  await waitUntil(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.setTimeout(1000, () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('data', (data) => {
          socket.end('QUIT\r\n');
          resolve(data.toString().startsWith('220'));
        });
        socket.once('error', () => resolve(false));
      }),
    10_000,
  );
}
