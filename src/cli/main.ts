import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { isThreadlineError } from '../core/errors.js';
import { openCore, startServer } from '../main.js';
import { runDataCommand } from './run-data-command.js';

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
  process.exitCode = await runDataCommand(config(), name, options);
}

function readPasswordFromStdin(): string {
  const text = readFileSync(0, 'utf8');
  return text.replace(/\r?\n$/, '');
}

program
  .command('start')
  .description('run the API, background workers and the web UI in one process')
  .action(async () => {
    const core = await openCore(config());
    const server = await startServer(core);
    if (!(await core.auth.hasUsers())) {
      process.stderr.write(
        'No users yet: create the first admin with `threadline user add --role admin --email YOU --password-stdin`,\n' +
          'or set THREADLINE_ADMIN_EMAIL and THREADLINE_ADMIN_PASSWORD before starting.\n',
      );
    }
    process.stderr.write(
      `Threadline is running at ${server.url} (API docs at ${server.url}/api/docs)\n`,
    );
    const stop = () => {
      void server.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

const user = program.command('user').description('manage users');
user
  .command('add')
  .description('create a user, or update the one with this e-mail')
  .requiredOption('--email <email>', 'the user’s e-mail address')
  .option('--name <name>', 'display name', '')
  .addOption(
    new Option('--role <role>', 'role').choices(['admin', 'manager', 'rep']).default('rep'),
  )
  .option('--password-stdin', 'read the password from standard input (at least 12 characters)')
  .action(
    async (options: { email: string; name: string; role: string; passwordStdin?: boolean }) => {
      await dataCommand('user add', {
        email: options.email,
        name: options.name,
        role: options.role,
        password: options.passwordStdin ? readPasswordFromStdin() : null,
      });
    },
  );

const token = program.command('token').description('manage API tokens');
token
  .command('create')
  .description('create an API token for a user and print it once')
  .requiredOption('--email <email>', 'the user the token acts as')
  .option('--name <name>', 'what the token is for', 'cli')
  .action(async (options: { email: string; name: string }) => {
    await dataCommand('token create', options);
  });

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof ConfigError || isThreadlineError(error)) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    }
    process.exitCode = 1;
  }
}

await main();
