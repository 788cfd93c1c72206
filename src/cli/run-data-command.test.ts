import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runRemote } from './run-data-command.js';
import type { StandardOutput } from './standard-output.js';

const output: StandardOutput = { write: () => undefined, closed: new AbortController().signal };

describe('a data command run through the server', () => {
  let server: Server | null = null;
  afterEach(async () => {
    vi.restoreAllMocks();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    server = null;
  });

  /** A server that answers with one frame of output, then dies mid-answer. */
  async function dyingServer(): Promise<string> {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      response.write('{"err":"importing…\\n"}\n', () => {
        setTimeout(() => response.socket?.destroy(), 20);
      });
    });
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('says in one line that the connection was lost when the server dies mid-command', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const url = await dyingServer();
    await expect(runRemote(url, 'secret', 'crm import', {}, output)).rejects.toMatchObject({
      name: 'ThreadlineError',
      code: 'HOST_UNREACHABLE',
      message: expect.stringMatching(
        new RegExp(`^Lost the connection to the server at ${url} before the command finished`),
      ),
    });
    expect(stderr).toHaveBeenCalledWith('importing…\n');
  });

  it('stops reading, and lets the server stop, once its own reader closes standard output', async () => {
    let serverSawClose!: () => void;
    const closedOnServer = new Promise<void>((done) => (serverSawClose = done));
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      const timer = setInterval(() => response.write('{"out":"a line\\n"}\n'), 5);
      response.on('close', () => {
        clearInterval(timer);
        serverSawClose();
      });
    });
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const closing = new AbortController();
    const written: string[] = [];
    const pipe: StandardOutput = {
      write: (text) => {
        written.push(text);
        if (written.length === 3) closing.abort();
      },
      closed: closing.signal,
    };

    await expect(runRemote(url, 'secret', 'export messages', {}, pipe)).rejects.toThrow();
    await closedOnServer;
    expect(written.length).toBeGreaterThanOrEqual(3);
  });

  it('says in one line that the server cannot be reached', async () => {
    const url = await dyingServer();
    await new Promise((done) => server!.close(done));
    server = null;
    await expect(runRemote(url, 'secret', 'crm import', {}, output)).rejects.toMatchObject({
      code: 'HOST_UNREACHABLE',
      message: expect.stringContaining(`Cannot reach the server at ${url} (ECONNREFUSED)`),
    });
  });
});
