import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from './dovecot.js';

const radicaleBinary = '/usr/bin/radicale';

/** A private Radicale (CalDAV and CardDAV) on loopback for one test file: its own storage and users. */
export interface RadicaleServer {
  /** The server's root, ending in `/`. */
  readonly url: string;
  addUser(user: string, password: string): Promise<void>;
  /** Creates a calendar of the user's and returns its URL (ending in `/`). */
  createCalendar(user: string, name: string): Promise<string>;
  /** Creates an address book of the user's and returns its URL (ending in `/`). */
  createAddressBook(user: string, name: string): Promise<string>;
  /** Stores (or replaces) one object in a collection, as a phone or calendar app would. */
  put(user: string, password: string, url: string, text: string): Promise<void>;
  remove(user: string, password: string, url: string): Promise<void>;
  /**
   * Writes objects straight into a collection's storage, unchecked: for many
   * objects at once, or for broken ones the server would refuse over HTTP.
   */
  writeObjects(collectionUrl: string, objects: Record<string, string>): Promise<void>;
  /** Changes a user's password, as an admin would on the server. */
  setPassword(user: string, password: string): Promise<void>;
  /** The text of one object, read as a client would. */
  get(user: string, password: string, url: string): Promise<string>;
  /** Stops the server; `start` brings it back on the same port with the same storage. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its storage. */
  close(): Promise<void>;
}

export async function startRadicale(): Promise<RadicaleServer> {
  if (!existsSync(radicaleBinary)) {
    throw new Error(
      `Radicale is not installed (${radicaleBinary} is missing): run scripts/install-test-deps.sh`,
    );
  }
  const base = await mkdtemp(join(tmpdir(), 'threadline-radicale-'));
  const [port = 0] = await freePorts(1);
  const users = join(base, 'users');
  await writeFile(users, '');
  const config = join(base, 'config');
  await writeFile(
    config,
    `[server]
hosts = 127.0.0.1:${port}
[auth]
type = htpasswd
htpasswd_filename = ${users}
htpasswd_encryption = plain
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = ${join(base, 'collections')}
[logging]
level = warning
`,
  );
  const url = `http://127.0.0.1:${port}/`;
  let child: ChildProcess | null = null;

  const start = async (): Promise<void> => {
    child = spawn(radicaleBinary, ['--config', config], { stdio: 'ignore' });
    await waitUntilServing(url);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  const collection = async (user: string, name: string, tag: string): Promise<string> => {
    const folder = join(base, 'collections', 'collection-root', user, name);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, '.Radicale.props'), JSON.stringify({ tag }));
    return `${url}${user}/${name}/`;
  };
  const request = async (
    method: string,
    user: string,
    password: string,
    target: string,
    body?: string,
  ): Promise<string> => {
    const contentType = body?.includes('BEGIN:VCARD') ? 'text/vcard' : 'text/calendar';
    const response = await fetch(target, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
        ...(body === undefined ? {} : { 'content-type': `${contentType}; charset=utf-8` }),
      },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${target}: ${response.status} ${text}`);
    return text;
  };

  const passwords = new Map<string, string>();
  const writeUsers = () =>
    writeFile(users, [...passwords].map(([user, password]) => `${user}:${password}\n`).join(''));

  await start();
  return {
    url,
    addUser: async (user, password) => {
      passwords.set(user, password);
      await writeUsers();
    },
    setPassword: async (user, password) => {
      passwords.set(user, password);
      await writeUsers();
    },
    writeObjects: async (collectionUrl, objects) => {
      const folder = join(base, 'collections', 'collection-root', new URL(collectionUrl).pathname);
      await Promise.all(
        Object.entries(objects).map(([name, text]) => writeFile(join(folder, name), text)),
      );
    },
    createCalendar: (user, name) => collection(user, name, 'VCALENDAR'),
    createAddressBook: (user, name) => collection(user, name, 'VADDRESSBOOK'),
    put: async (user, password, target, text) => {
      await request('PUT', user, password, target, text);
    },
    remove: async (user, password, target) => {
      await request('DELETE', user, password, target);
    },
    get: (user, password, target) => request('GET', user, password, target),
    stop,
    start,
    close: async () => {
      await stop();
      await rm(base, { recursive: true, force: true });
    },
  };
}

async function waitUntilServing(url: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`Radicale did not start at ${url}: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
