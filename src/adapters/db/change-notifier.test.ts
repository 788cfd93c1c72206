import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../test/support/test-database.js';
import {
  createInProcessNotifier,
  createPostgresNotifier,
  type ChangeNotifier,
} from './change-notifier.js';

/** The next payload `notifier` hears, or a failure after `ms`. */
function nextPayload(notifier: ChangeNotifier, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`nothing heard within ${ms} ms`)), ms);
    const stop = notifier.subscribe((payload) => {
      clearTimeout(timer);
      stop();
      resolve(payload);
    });
  });
}

describe('change notices in one process', () => {
  it('reaches every listener, and none after it stops', async () => {
    const notifier = createInProcessNotifier();
    const heard: string[] = [];
    const stop = notifier.subscribe((payload) => heard.push(payload));
    const next = nextPayload(notifier);
    await notifier.publish('{"topic":"mail","ids":["t1"]}');
    expect(await next).toBe('{"topic":"mail","ids":["t1"]}');
    stop();
    await notifier.publish('{"topic":"links","ids":[]}');
    expect(heard).toEqual(['{"topic":"mail","ids":["t1"]}']);
    await notifier.close();
  });
});

describe.runIf(testBackends().includes('server'))('change notices across processes', () => {
  let handle: TestDatabase;
  let sender: ChangeNotifier;
  let receiver: ChangeNotifier;

  beforeAll(async () => {
    handle = await openTestDatabase('server');
    // Two notifiers, each with its own LISTEN connection, as two processes have.
    sender = createPostgresNotifier(handle.database, handle.url!);
    receiver = createPostgresNotifier(handle.database, handle.url!);
  });
  afterAll(async () => {
    await sender?.close();
    await receiver?.close();
    await handle?.drop();
  });

  it('carries a notice published by one to the listeners of the other through NOTIFY', async () => {
    const heardBySender = nextPayload(sender);
    const heardByReceiver = nextPayload(receiver);
    // LISTEN is opened with the first listener: give both connections a moment.
    for (let i = 0; i < 50; i += 1) {
      const settled = await Promise.race([
        heardByReceiver.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 100)),
      ]);
      if (settled) break;
      await sender.publish('{"topic":"review","ids":["t2"]}');
    }
    expect(await heardByReceiver).toBe('{"topic":"review","ids":["t2"]}');
    expect(await heardBySender).toBe('{"topic":"review","ids":["t2"]}');
  });
});
