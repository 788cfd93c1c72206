import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCyrus, type CyrusServer } from './cyrus.js';

describe('a private Cyrus IMAP', () => {
  let cyrus: CyrusServer;
  beforeAll(async () => {
    cyrus = await startCyrus();
  }, 30_000);
  afterAll(async () => {
    await cyrus?.stop();
  });

  it("lists a user's folders under INBOX. with . as the separator", async () => {
    await cyrus.addUser('ada', 'secret');
    await cyrus.createFolder('ada', cyrus.folder('Pläne & Co'));
    const folders = await cyrus.withClient('ada', (client) => client.list());
    expect(folders.map((f) => f.path).sort()).toEqual([
      'INBOX',
      'INBOX.Drafts',
      'INBOX.Junk',
      'INBOX.Pläne & Co',
      'INBOX.Sent',
      'INBOX.Trash',
    ]);
    expect(new Set(folders.map((f) => f.delimiter))).toEqual(new Set(['.']));
  });
});
