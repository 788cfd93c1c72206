import { createHash } from 'node:crypto';
import type { AttachmentStore } from '../../adapters/attachments/attachment-store.js';
import type { Database } from '../../adapters/db/database.js';
import { auditLogRepository } from '../../adapters/db/repositories/audit-log.js';
import { erasureRepository } from '../../adapters/db/repositories/erasure.js';
import { mailCleanupRepository } from '../../adapters/db/repositories/mail-cleanup.js';
import {
  peopleRepository,
  type PersonContactRow,
  type PersonLeadRow,
  type PersonMessageRow,
} from '../../adapters/db/repositories/people.js';
import type { Clock } from '../../adapters/system/clock.js';
import { normalizeAddress } from '../../core/addresses/normalize.js';
import { ThreadlineError } from '../../core/errors.js';

export interface Actor {
  readonly id: string;
  readonly email: string;
}

export interface PersonExport {
  address: string;
  exportedAt: string;
  contacts: PersonContactRow[];
  leads: PersonLeadRow[];
  messages: (Omit<PersonMessageRow, 'sentAt'> & {
    sentAt: string | null;
    /** sender: the person wrote it; recipient: they were sent or copied it. */
    role: 'sender' | 'recipient';
  })[];
}

export interface ErasureReport {
  /** SHA-256 of the normalised address: what the audit log keeps instead of the address. */
  person: string;
  messagesDeleted: number;
  messagesRedacted: number;
  attachmentsDeleted: number;
  filesRemoved: number;
  quarantineDeleted: number;
  contactsUpdated: number;
  contactsDeleted: number;
  leadsUpdated: number;
  leadsDeleted: number;
  threadsRecomputed: number;
  mentionsScrubbed: number;
}

/**
 * Tables whose whole purpose is to keep the person out of capture: erasing
 * them would let the mail the person objected to flow in again. They keep the
 * address (a suppression list is the one thing erasure must not take away);
 * removing a do-not-track entry is a separate, explicit act.
 */
const suppressionTables = new Set(['do_not_track', 'blocklist']);

/** The audit log's name for a person: their address, hashed, so the log never holds it in clear. */
export function personHash(address: string): string {
  return createHash('sha256').update(address).digest('hex');
}

export function parsePersonAddress(input: string): string {
  const address = normalizeAddress(input);
  if (!address) throw new ThreadlineError('VALIDATION_FAILED', 'Not an e-mail address');
  return address;
}

/** A case-insensitive PostgreSQL regular expression matching the address literally. */
function literalPattern(address: string): string {
  return address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Export everything stored about one person, and erase them (C14).
 *
 * The erasure rule:
 * - Messages the person sent are deleted, with their locations, decisions,
 *   links and attachments.
 * - Messages the person only received (to, cc, reply-to) stay for the other
 *   participants' history, redacted: the person leaves the participants,
 *   envelope and failed recipients; the subject becomes "[redacted]" (subjects
 *   name people too often to keep); bodies and attachments are deleted. Who
 *   else took part, when, and the CRM records it is filed on remain.
 * - An attachment file leaves the store once no message refers to its hash.
 * - Quarantined raw messages that mention the address are deleted.
 * - The address leaves contacts and leads; a contact or lead left without an
 *   address is deleted, with the links, shares, rules and tasks pointing at it.
 * - Threads' participants and first/last dates are recomputed from what is
 *   left; threads with no message left are deleted.
 * - Any other mention of the address in any table (a quoted reply in someone
 *   else's body, a link's reason, a notice, the audit log) becomes "[redacted]".
 * - Do-not-track and block-list entries are kept (see `suppressionTables`).
 * - The erasure is audited under the address's SHA-256, never the address.
 *
 * An address that belongs to a user of Threadline is refused: remove the user first.
 */
export function createPeopleService(deps: {
  database: Database;
  attachments: AttachmentStore;
  clock: Clock;
  directory: { invalidate(): Promise<void> };
}) {
  const { database, clock } = deps;
  const audit = (actor: Actor, action: string, person: string, details: object) =>
    auditLogRepository(database).append({
      actorId: actor.id,
      actorEmail: actor.email,
      action,
      targetType: 'person',
      targetId: person,
      details: { ...details },
      at: clock.now(),
    });

  return {
    async exportPerson(actor: Actor, input: string): Promise<PersonExport> {
      const address = parsePersonAddress(input);
      const repository = peopleRepository(database);
      const [contacts, leads, messages] = await Promise.all([
        repository.contactsWithAddress(address),
        repository.leadsWithAddress(address),
        repository.messagesOf(address),
      ]);
      await audit(actor, 'privacy.export', personHash(address), {
        contacts: contacts.length,
        leads: leads.length,
        messages: messages.length,
      });
      return {
        address,
        exportedAt: clock.now().toISOString(),
        contacts,
        leads,
        messages: messages.map((message) => ({
          ...message,
          sentAt: message.sentAt?.toISOString() ?? null,
          role: message.fromAddress?.toLowerCase() === address ? 'sender' : 'recipient',
        })),
      };
    },

    async erasePerson(actor: Actor, input: string): Promise<ErasureReport> {
      const address = parsePersonAddress(input);
      const person = personHash(address);
      if (await peopleRepository(database).userWithAddress(address)) {
        throw new ThreadlineError(
          'CONFLICT',
          'This address belongs to a Threadline user: remove the user before erasing it',
        );
      }
      const { report, removedBlobs } = await database.transaction(async (tx) => {
        const repository = erasureRepository(tx);
        const cleanup = mailCleanupRepository(tx);
        const hashes = await repository.attachmentHashesOf(address);
        const threads = await repository.threadsOf(address);
        const messagesDeleted = await repository.deleteMessagesFrom(address);
        // Before redacting: afterwards the address no longer marks these messages.
        const attachmentsDeleted = await repository.deleteAttachmentsOfMessagesWith(address);
        const messagesRedacted = await repository.redactMessagesTo(address);
        const quarantineDeleted = await repository.deleteQuarantinedWith(address);
        const contacts = await repository.removeContactAddress(address);
        await repository.deleteRecordReferences('contact', contacts.emptied);
        await repository.deleteContacts(contacts.emptied);
        const leads = await repository.removeLeadAddress(address);
        await repository.deleteRecordReferences('lead', leads.emptied);
        await repository.deleteLeads(leads.emptied);
        await cleanup.recomputeThreads(threads);
        const removedBlobs = await cleanup.deleteUnreferencedBlobs(hashes);
        let mentionsScrubbed = 0;
        const pattern = literalPattern(address);
        for (const column of await repository.textColumns()) {
          if (suppressionTables.has(column.table)) continue;
          mentionsScrubbed += await repository.scrubColumn(column, address, pattern);
        }
        const report: ErasureReport = {
          person,
          messagesDeleted,
          messagesRedacted,
          attachmentsDeleted,
          filesRemoved: removedBlobs.length,
          quarantineDeleted,
          contactsUpdated: contacts.updated - contacts.emptied.length,
          contactsDeleted: contacts.emptied.length,
          leadsUpdated: leads.updated - leads.emptied.length,
          leadsDeleted: leads.emptied.length,
          threadsRecomputed: threads.length,
          mentionsScrubbed,
        };
        const { person: _hash, ...counts } = report;
        await auditLogRepository(tx).append({
          actorId: actor.id,
          actorEmail: actor.email,
          action: 'privacy.erase',
          targetType: 'person',
          targetId: person,
          details: counts,
          at: clock.now(),
        });
        return { report, removedBlobs };
      });
      // Files go after the commit: a rolled-back erasure must not lose attachments.
      for (const hash of removedBlobs) await deps.attachments.remove(hash);
      await deps.directory.invalidate();
      return report;
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
