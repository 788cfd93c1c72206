import type { Config } from '../config/config.js';
import { dataDirInUse, readLockOwner } from '../adapters/db/data-dir-lock.js';
import { ThreadlineError } from '../core/errors.js';
import { openApp } from '../app/open-app.js';
import type { CommandContext, RemoteFrame } from '../commands/command-context.js';
import { dataCommands } from '../commands/data-commands.js';
import type { StandardOutput } from './standard-output.js';

/**
 * Runs a data command through the server that owns the data directory,
 * relaying its output. A server that cannot be reached, or that goes away
 * mid-command, ends the command with HOST_UNREACHABLE and one line saying so.
 */
export async function runRemote(
  apiUrl: string,
  cliToken: string,
  name: string,
  options: Record<string, unknown>,
  output: StandardOutput,
): Promise<number> {
  const response = await fetch(`${apiUrl}/api/cli/run`, {
    signal: output.closed,
    method: 'POST',
    headers: { authorization: `Bearer ${cliToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ command: name, options }),
  }).catch((error: unknown) => {
    throw new ThreadlineError(
      'HOST_UNREACHABLE',
      `Cannot reach the server at ${apiUrl} (${networkReason(error)}); is \`threadline start\` still running?`,
    );
  });
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new Error(body?.error?.message ?? `The server at ${apiUrl} answered ${response.status}`);
  }
  let exitCode = 1;
  let buffered = '';
  const decoder = new TextDecoder();
  const handle = (line: string) => {
    if (!line) return;
    const frame = JSON.parse(line) as RemoteFrame;
    if (frame.out) output.write(frame.out);
    if (frame.err) process.stderr.write(frame.err);
    if (frame.error) process.stderr.write(`${frame.error.code}: ${frame.error.message}\n`);
    if (frame.exit !== undefined) exitCode = frame.exit;
  };
  try {
    for await (const chunk of response.body) {
      buffered += decoder.decode(chunk as Uint8Array, { stream: true });
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(handle);
    }
  } catch (error) {
    throw new ThreadlineError(
      'HOST_UNREACHABLE',
      `Lost the connection to the server at ${apiUrl} before the command finished (${networkReason(error)}); whether it completed is unknown`,
    );
  }
  handle(buffered);
  return exitCode;
}

/** What fetch says went wrong underneath its generic TypeError, e.g. ECONNREFUSED. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/**
 * Runs a data command: against a PostgreSQL server directly; on the embedded
 * store through the running server when there is one, else by taking the
 * data directory's lock for the duration of the command.
 */
export async function runDataCommand(
  config: Config,
  name: string,
  options: Record<string, unknown>,
  output: StandardOutput,
): Promise<number> {
  const entry = dataCommands[name];
  if (!entry) throw new Error(`Unknown command ${name}`);
  const parsed = entry.options.parse(options);
  if (!config.databaseUrl) {
    const owner = await readLockOwner(config.dataDir);
    if (owner?.apiUrl && owner.cliToken) {
      return runRemote(owner.apiUrl, owner.cliToken, name, parsed, output);
    }
    if (owner) throw dataDirInUse(config.dataDir, owner);
  }
  const app = await openApp(config);
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  try {
    const context: CommandContext = {
      app,
      out: (text) => output.write(text),
      err: (text) => process.stderr.write(text),
      interactive: Boolean(process.stderr.isTTY),
      signal: AbortSignal.any([controller.signal, output.closed]),
    };
    return await entry.command.run(context, parsed as never);
  } finally {
    process.off('SIGINT', abort);
    await app.close();
  }
}
