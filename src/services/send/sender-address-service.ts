import { createHmac, hkdfSync, randomInt, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../adapters/db/database.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import {
  senderAddressesRepository,
  type SenderAddressRow,
} from '../../adapters/db/repositories/sender-addresses.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { buildMessage } from '../../adapters/smtp/build-message.js';
import { sendRawMessage } from '../../adapters/smtp/smtp-transport.js';
import type { Clock } from '../../adapters/system/clock.js';
import { messageIdFor, outgoingMessage } from '../../core/compose/outgoing-message.js';
import { ThreadlineError } from '../../core/errors.js';
import type { MailboxService } from '../mailboxes/mailbox-service.js';
import { smtpLoginOf, smtpSettingsOpener } from './smtp-of-mailbox.js';

export const senderCodeRules = {
  validMinutes: 30,
  maxAttempts: 5,
  resendAfterSeconds: 60,
} as const;

/** What the user sees of their sender address. */
export interface SenderAddressStatus {
  readonly address: string;
  readonly verifiedAt: Date | null;
  readonly codeExpiresAt: Date | null;
  readonly required: boolean;
}

/**
 * Mail leaves From the user's own address, so before the first send the
 * user proves they receive it: a 6-digit code mailed to it through their
 * own mailbox. A mailbox that signs in to its outgoing server as that very
 * address proves it already, and needs no code.
 */
export function createSenderAddressService(deps: {
  database: Database;
  mailboxes: MailboxService;
  clock: Clock;
  /** Off only where an admin vouches for every address (THREADLINE_VERIFY_SENDER_ADDRESSES=off). */
  required: boolean;
  /** The server's secret key: codes are kept as MACs under a key derived from it. */
  secretKey: Buffer;
}) {
  const codeKey = Buffer.from(
    hkdfSync('sha256', deps.secretKey, Buffer.alloc(0), 'threadline sender code', 32),
  );
  // Keyed, so a copy of the store alone cannot try the million codes; bound to the user.
  const codeHash = (userId: string, code: string) =>
    createHmac('sha256', codeKey).update(`${userId}:${code}`).digest('hex');
  const stored = senderAddressesRepository(deps.database);
  const smtpOf = smtpSettingsOpener(deps.mailboxes, () => deps.clock.now().getTime());
  const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const verifiedRow = (user: UserRow, row: SenderAddressRow | null) =>
    row?.verifiedAt && sameAddress(row.address, user.email) ? row.verifiedAt : null;

  async function ownMailbox(user: UserRow, mailboxId: string): Promise<MailboxRow> {
    const mailbox = await deps.mailboxes.get(mailboxId).catch(() => null);
    if (!mailbox || mailbox.ownerId !== user.id) {
      throw new ThreadlineError('NOT_FOUND', `You have no mailbox ${mailboxId}`);
    }
    return mailbox;
  }

  async function mailCode(user: UserRow, mailbox: MailboxRow, code: string): Promise<void> {
    const now = deps.clock.now();
    const message = outgoingMessage({
      draft: {
        to: [user.email],
        cc: [],
        bcc: [],
        subject: `Your Threadline code: ${code}`,
        text: `Enter ${code} in Threadline to send mail from ${user.email}.\n\nThe code expires in ${senderCodeRules.validMinutes} minutes. If you did not ask for it, ignore this message.`,
        html: null,
      },
      from: { address: user.email, name: user.name },
      signature: null,
      answer: null,
      attachments: [],
      messageId: messageIdFor(randomInt(2 ** 47).toString(36), user.email),
      date: now,
    });
    const built = await buildMessage(message, () => Promise.reject(new Error('no attachments')));
    await sendRawMessage(await smtpOf(mailbox), { from: user.email, to: [user.email] }, built.raw);
  }

  return {
    async status(user: UserRow): Promise<SenderAddressStatus> {
      const row = await stored.ofUser(user.id);
      const pending = row && sameAddress(row.address, user.email) ? row.codeExpiresAt : null;
      return {
        address: user.email,
        verifiedAt: verifiedRow(user, row),
        codeExpiresAt: pending,
        required: deps.required,
      };
    },

    /** Mails a new code through the user's mailbox; the one before stops working. */
    async sendCode(user: UserRow, mailboxId: string): Promise<SenderAddressStatus> {
      const mailbox = await ownMailbox(user, mailboxId);
      const now = deps.clock.now();
      const row = await stored.ofUser(user.id);
      const wait = row?.codeSentAt
        ? senderCodeRules.resendAfterSeconds -
          Math.floor((now.getTime() - row.codeSentAt.getTime()) / 1000)
        : 0;
      if (wait > 0) {
        throw new ThreadlineError(
          'RATE_LIMITED',
          `A code was just sent to ${user.email}: ask for another in ${wait} s`,
        );
      }
      const code = String(randomInt(1_000_000)).padStart(6, '0');
      await mailCode(user, mailbox, code);
      const expiresAt = new Date(now.getTime() + senderCodeRules.validMinutes * 60_000);
      await stored.saveCode(user.id, user.email, {
        sha256: codeHash(user.id, code),
        sentAt: now,
        expiresAt,
      });
      return this.status(user);
    },

    async confirm(user: UserRow, code: string): Promise<SenderAddressStatus> {
      const row = await stored.ofUser(user.id);
      if (!row?.codeSha256 || !row.codeExpiresAt || !sameAddress(row.address, user.email)) {
        throw new ThreadlineError(
          'VALIDATION_FAILED',
          `No code is waiting for ${user.email}: ask for one first`,
        );
      }
      if (row.attempts >= senderCodeRules.maxAttempts) {
        throw new ThreadlineError('RATE_LIMITED', 'Too many wrong codes: ask for a new one');
      }
      if (row.codeExpiresAt <= deps.clock.now()) {
        throw new ThreadlineError('VALIDATION_FAILED', 'The code has expired: ask for a new one');
      }
      if (!sameHash(row.codeSha256, codeHash(user.id, code.trim()))) {
        await stored.countAttempt(user.id);
        const left = senderCodeRules.maxAttempts - row.attempts - 1;
        throw new ThreadlineError(
          'VALIDATION_FAILED',
          left > 0 ? `Wrong code: ${left} attempts left` : 'Wrong code: ask for a new one',
        );
      }
      await stored.markVerified(user.id, deps.clock.now());
      return this.status(user);
    },

    /** Refuses a send From an address the user has not proved they receive. */
    async requireVerified(user: UserRow, mailbox: MailboxRow): Promise<void> {
      if (!deps.required) return;
      const login = smtpLoginOf(deps.mailboxes, mailbox);
      if (login && sameAddress(login, user.email)) return;
      if (verifiedRow(user, await stored.ofUser(user.id))) return;
      throw new ThreadlineError(
        'SENDER_NOT_VERIFIED',
        `${user.email} is not verified as your sender address: ask for a code (Settings, or the banner above the compose form), then enter the code mailed to it`,
        { address: user.email },
      );
    },
  };
}

export type SenderAddressService = ReturnType<typeof createSenderAddressService>;

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
