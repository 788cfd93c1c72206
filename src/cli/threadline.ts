import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { isThreadlineError } from '../core/errors.js';
import { openApp } from '../app/open-app.js';
import { startServer } from '../http/start-server.js';
import { runDataCommand } from './run-data-command.js';
import { runClassify } from './classify-command.js';
import { runMeetingsParse } from './meetings-command.js';
import { standardOutput } from './standard-output.js';
import { runWorker } from './worker-command.js';

const output = standardOutput();

const program = new Command();

program
  .name('threadline')
  .description('Self-hosted email and meeting capture for CRMs')
  .option(
    '--data-dir <dir>',
    'data directory of the embedded store (env THREADLINE_DATA_DIR, default ./.threadline)',
  )
  .showHelpAfterError();

function config(): Config {
  const { dataDir } = program.opts<{ dataDir?: string }>();
  return loadConfig(process.env, dataDir ? { dataDir } : {});
}

async function dataCommand(name: string, options: Record<string, unknown>): Promise<void> {
  process.exitCode = await runDataCommand(config(), name, options, output);
}

type MessageFilesCommand = (
  paths: string[],
  write: (text: string) => void,
  signal: AbortSignal,
) => Promise<number>;

/** A command over message files that stops on Ctrl-C or when its reader closes the pipe. */
function readMessageFiles(command: MessageFilesCommand): (paths: string[]) => Promise<void> {
  return async (paths) => {
    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    process.exitCode = await command(
      paths,
      (text) => output.write(text),
      AbortSignal.any([controller.signal, output.closed]),
    );
  };
}

function readPasswordFromStdin(): string {
  const text = readFileSync(0, 'utf8');
  return text.replace(/\r?\n$/, '');
}

program
  .command('start')
  .description('run the API, background workers and the web UI in one process')
  .action(async () => {
    const app = await openApp(config());
    const server = await startServer(app);
    if (!(await app.auth.hasUsers())) {
      process.stderr.write(
        'No users yet: create the first admin with `threadline user add --role admin --email YOU --password-stdin`,\n' +
          'or set THREADLINE_ADMIN_EMAIL and THREADLINE_ADMIN_PASSWORD before starting.\n',
      );
    }
    process.stderr.write(
      `Threadline is running at ${server.url} (API docs at ${server.url}/api/docs)\n`,
    );
    if (server.capturePort !== null) {
      process.stderr.write(
        `Capture addresses at ${app.config.capture?.domain} are received on SMTP port ${server.capturePort}\n`,
      );
    }
    const stop = () => {
      void server.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('worker')
  .description(
    'run a sync worker without the web server: it takes its share of the mailboxes on the PostgreSQL server (docs/fleet.md)',
  )
  .action(async () => {
    await runWorker(config(), (text) => process.stderr.write(text));
  });

const user = program.command('user').description('manage users');
user
  .command('add')
  .description('create a user, or update the one with this e-mail, changing only the options given')
  .requiredOption('--email <email>', 'the user’s e-mail address')
  .option('--name <name>', 'display name (a new user: none)')
  .addOption(
    new Option('--role <role>', 'role (a new user: rep)').choices(['admin', 'manager', 'rep']),
  )
  .option(
    '--password-stdin',
    'read the password from standard input (at least 12 characters, not a common one); a new password or role ends the user’s sessions and revokes their API tokens',
  )
  .action(
    async (options: { email: string; name?: string; role?: string; passwordStdin?: boolean }) => {
      await dataCommand('user add', {
        email: options.email,
        name: options.name,
        role: options.role,
        password: options.passwordStdin ? readPasswordFromStdin() : null,
      });
    },
  );

user
  .command('invite')
  .description(
    'invite a user: creates them without a password and prints a one-time link, valid 7 days, to set it (inviting again replaces the link)',
  )
  .requiredOption('--email <email>', 'the user’s e-mail address')
  .option('--name <name>', 'display name')
  .addOption(
    new Option('--role <role>', 'role (a new user: rep)').choices(['admin', 'manager', 'rep']),
  )
  .option('--manager <email>', 'the e-mail address of the user’s manager')
  .action(async (options: { email: string; name?: string; role?: string; manager?: string }) => {
    await dataCommand('user invite', options);
  });

/** A user command whose one argument is the user's e-mail address. */
function userByEmailCommand(name: string, description: string): void {
  user
    .command(name)
    .description(description)
    .argument('<email>', 'the user’s e-mail address')
    .action(async (email: string) => {
      await dataCommand(`user ${name}`, { email });
    });
}

userByEmailCommand(
  'deactivate',
  'deactivate a user: no sign-in, sessions ended, API tokens revoked, mailboxes paused; their mail stays',
);
userByEmailCommand(
  'reactivate',
  'let a deactivated user sign in again and sync their mailboxes (API tokens stay revoked)',
);
userByEmailCommand(
  'reset-password',
  'end a user’s sessions and print a one-time link, valid 7 days, to set a new password',
);
user
  .command('capture-address')
  .description(
    'print a user’s capture address (log+<secret>@ THREADLINE_CAPTURE_DOMAIN), to BCC or forward mail to',
  )
  .argument('<email>', 'the user’s e-mail address')
  .option('--rotate', 'replace it with a new one; mail to the old one is refused from then on')
  .action(async (email: string, options: { rotate?: boolean }) => {
    await dataCommand('user capture-address', { email, rotate: options.rotate === true });
  });

const token = program.command('token').description('manage API tokens');
token
  .command('create')
  .description('create an API token for a user and print it once')
  .requiredOption('--email <email>', 'the user the token acts as')
  .option('--name <name>', 'what the token is for', 'cli')
  .action(async (options: { email: string; name: string }) => {
    await dataCommand('token create', options);
  });
token
  .command('list')
  .description('list a user’s API tokens, revoked ones included (never the secrets)')
  .requiredOption('--email <email>', 'the user whose tokens to list')
  .action(async (options: { email: string }) => {
    await dataCommand('token list', options);
  });
token
  .command('revoke')
  .description('revoke one of a user’s API tokens')
  .requiredOption('--email <email>', 'the user the token belongs to')
  .argument('<id>', 'the token’s id, as `threadline token list` shows it')
  .action(async (id: string, options: { email: string }) => {
    await dataCommand('token revoke', { email: options.email, id });
  });

const crm = program.command('crm').description('CRM records as CSV (docs/crm-csv.md)');
crm
  .command('import')
  .description('import the CSV files a folder holds; idempotent by external_id')
  .argument('<dir>', 'folder with users.csv, accounts.csv, contacts.csv …')
  .action(async (dir: string) => {
    await dataCommand('crm import', { dir });
  });
crm
  .command('export')
  .description('write every CRM CSV file into a folder')
  .argument('<dir>', 'folder to write into (created if missing)')
  .action(async (dir: string) => {
    await dataCommand('crm export', { dir });
  });

const mail = program.command('mail').description('mail outside IMAP');
mail
  .command('import')
  .description('take mbox files or folders of .eml files through the capture pipeline')
  .argument('<paths...>', 'mbox files, .eml files or folders of them')
  .requiredOption('--owner <email>', 'the user whose mail this is')
  .action(async (paths: string[], options: { owner: string }) => {
    await dataCommand('mail import', { inputs: paths, owner: options.owner });
  });

const exportCommand = program.command('export').description('export data');
exportCommand
  .command('messages')
  .description('one JSON object per unique message with what was decided (docs/export.md)')
  .requiredOption('--jsonl', 'JSON lines on standard output (the only format)')
  .option('--mailbox-owner <email>', 'one user’s own view instead of the organisation’s')
  .action(async (options: { mailboxOwner?: string }) => {
    await dataCommand('export messages', { mailboxOwner: options.mailboxOwner ?? null });
  });

program
  .command('classify')
  .description('the noise classifier’s verdict per message, storing nothing (docs/export.md)')
  .argument('<paths...>', '.eml files, mbox files or folders of either')
  .requiredOption('--jsonl', 'JSON lines on standard output (the only format)')
  .action(readMessageFiles(runClassify));

const meetings = program.command('meetings').description('meetings carried by mail');
meetings
  .command('parse')
  .description('the meetings in messages’ calendar parts, storing nothing (docs/meetings.md)')
  .argument('<paths...>', '.eml files, mbox files or folders of either')
  .requiredOption('--jsonl', 'JSON lines on standard output (the only format)')
  .action(readMessageFiles(runMeetingsParse));

const mailbox = program.command('mailbox').description('connected mailboxes');
mailbox
  .command('status')
  .description('sync health per mailbox and folder')
  .option('--owner <email>', 'only this user’s mailboxes')
  .option('--json', 'machine-readable output')
  .option(
    '--all',
    'also the sync workers: mailboxes held, connections, lag; and each mailbox’s holder',
  )
  .action(async (options: { owner?: string; json?: boolean; all?: boolean }) => {
    await dataCommand('mailbox status', {
      owner: options.owner ?? null,
      json: options.json ?? false,
      all: options.all ?? false,
    });
  });

mailbox
  .command('sync')
  .description('one sync pass now over the IMAP mailboxes, with progress per batch')
  .option('--owner <email>', 'only this user’s mailboxes')
  .option('--batch-size <n>', 'messages per stored batch', '100')
  .action(async (options: { owner?: string; batchSize: string }) => {
    await dataCommand('mailbox sync', {
      owner: options.owner ?? null,
      batchSize: Number(options.batchSize),
    });
  });

const privacy = program.command('privacy').description('export or erase someone (docs/privacy.md)');
privacy
  .command('export')
  .description('write everything stored about a person: person.json and attachment files')
  .argument('<address>', 'the person’s e-mail address')
  .requiredOption('--out <dir>', 'folder to write into (created if missing)')
  .action(async (address: string, options: { out: string }) => {
    await dataCommand('privacy export', { address, out: options.out });
  });
privacy
  .command('erase')
  .description('erase a person: delete what they sent, redact what they received (audited)')
  .argument('<address>', 'the person’s e-mail address')
  .option('--yes', 'confirm: erasing cannot be undone')
  .action(async (address: string, options: { yes?: boolean }) => {
    await dataCommand('privacy erase', { address, yes: options.yes ?? false });
  });

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (output.closed.aborted) {
      process.exitCode = 0;
      return;
    }
    if (error instanceof ConfigError || isThreadlineError(error)) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    }
    process.exitCode = 1;
  }
}

await main();
