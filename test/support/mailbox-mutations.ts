import { plainImapClient, type ServerAccount } from './store-equals-server.js';

/** Mail from a CRM contact of the realistic fixture, unique to its user and number. */
export function contactMail(user: string, n: number): string {
  return [
    'From: Grace Hopper <grace.hopper@acme.com>',
    'To: rita@threadline.example',
    `Subject: Question ${n}`,
    `Message-ID: <${user}-${n}@acme.com>`,
    `Date: ${new Date(Date.now() - n * 60_000).toUTCString()}`,
    '',
    `Question number ${n}`,
    '',
  ].join('\r\n');
}

/** One change another client makes to a folder, by UID; a move goes to `to`. */
export type Mutation =
  | { readonly kind: 'append'; readonly folder: string; readonly n: number }
  | { readonly kind: 'flag'; readonly folder: string; readonly uid: number; readonly flag: string }
  | {
      readonly kind: 'unflag';
      readonly folder: string;
      readonly uid: number;
      readonly flag: string;
    }
  | { readonly kind: 'delete'; readonly folder: string; readonly uid: number }
  | { readonly kind: 'move'; readonly folder: string; readonly uid: number; readonly to: string };

/** Applies the changes in order, as another mail client would: new mail, flags, deletions, moves. */
export async function mutateMailbox(
  account: ServerAccount,
  mutations: readonly Mutation[],
): Promise<void> {
  const client = await plainImapClient(account);
  try {
    for (const mutation of mutations) {
      if (mutation.kind === 'append') {
        await client.append(mutation.folder, contactMail(account.user, mutation.n));
        continue;
      }
      await client.mailboxOpen(mutation.folder);
      const uid = String(mutation.uid);
      switch (mutation.kind) {
        case 'flag':
          await client.messageFlagsAdd(uid, [mutation.flag], { uid: true });
          break;
        case 'unflag':
          await client.messageFlagsRemove(uid, [mutation.flag], { uid: true });
          break;
        case 'delete':
          await client.messageDelete(uid, { uid: true });
          break;
        case 'move':
          await client.messageMove(uid, mutation.to, { uid: true });
          break;
      }
    }
  } finally {
    await client.logout();
  }
}
