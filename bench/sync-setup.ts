import { ImapFlow } from 'imapflow';

/**
 * What `npm run bench:sync` hands its child processes: the parent owns
 * Dovecot, the generated mailbox, the CRM files and the server database; the
 * children only connect to them.
 */
export interface SyncBenchSetup {
  backend: string;
  /** `createBenchMail`'s seed: the children rebuild the same mail (owner, live messages). */
  mailSeed: number;
  imap: { host: string; port: number; user: string; password: string };
  crmDir: string;
  dataDir: string;
  /** The server database when BENCH_BACKEND=server, null for the embedded store. */
  databaseUrl: string | null;
  /** Whether the product's run also measures new mail through IDLE. */
  measureIdle: boolean;
  /** Workflow rules switched on before the back-fill and run over it after (0: none). */
  rules: number;
}

const setupVariable = 'BENCH_SYNC_SETUP';

/** The environment that carries the setup to a child. */
export function syncSetupEnv(setup: SyncBenchSetup): Record<string, string> {
  return { [setupVariable]: JSON.stringify(setup) };
}

/** In a child: the setup its parent handed over. */
export function syncSetupFromEnv(): SyncBenchSetup {
  const json = process.env[setupVariable];
  if (!json) throw new Error(`${setupVariable} is not set: run this through npm run bench:sync`);
  return JSON.parse(json) as SyncBenchSetup;
}

/** A plain imapflow client on the bench mailbox, outside Threadline. */
export function benchClient(imap: SyncBenchSetup['imap']): ImapFlow {
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
  });
}
