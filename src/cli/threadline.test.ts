import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../test/support/test-database.js';
import { temporaryFolders } from '../../test/support/temporary-folders.js';

/** The built CLI as a process (`npm run build`), the way a shell pipeline runs it. */
const cli = 'bin/threadline.js';

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI to its end; `closeOutput` closes the read end of its standard
 * output at once, as `| head` does once it has its lines.
 */
function run(args: string[], env: NodeJS.ProcessEnv, closeOutput = false): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env });
    let stdout = '';
    let stderr = '';
    if (closeOutput) child.stdout.destroy();
    else child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the CLI writing into a pipe its reader closes', () => {
  it('exits quietly with 0 from a command that needs no store', async () => {
    const finished = await run(['classify', 'test/fixtures/mail', '--jsonl'], process.env, true);
    expect(finished).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe.each(testBackends())('the CLI on the %s backend', (backend) => {
  const folders = temporaryFolders('tl-cli-');
  let server: TestDatabase | null = null;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (backend === 'server') server = await openTestDatabase('server');
    env = {
      ...process.env,
      THREADLINE_DATA_DIR: await folders.dir(),
      THREADLINE_LOG_LEVEL: 'silent',
      ...(server?.url ? { DATABASE_URL: server.url } : {}),
    };
    const imported = await run(['crm', 'import', 'test/fixtures/crm/realistic'], env);
    expect(imported.code).toBe(0);
    const mail = [
      'mail',
      'import',
      'test/fixtures/mail/human',
      '--owner',
      'rita@threadline.example',
    ];
    expect((await run(mail, env)).code).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await server?.drop();
    await folders.removeAll();
  });

  it.each([[['export', 'messages', '--jsonl']], [['mailbox', 'status']]])(
    'exits quietly with 0 when the reader of `%s` closes the pipe',
    async (args) => {
      expect((await run(args, env)).stdout).not.toBe('');
      expect(await run(args, env, true)).toEqual({ code: 0, stdout: '', stderr: '' });
    },
    30_000,
  );
});
