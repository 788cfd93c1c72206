import type { AttachmentStore } from '../../adapters/attachments/attachment-store.js';
import type { Database, Queryable } from '../../adapters/db/database.js';
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
import { ThreadlineError } from '../../core/errors.js';
import { searchVector } from '../../core/search/search-terms.js';
import { findPerson, type Actor, type Person, type PersonKey } from './person.js';
import { tidyThreads } from './stored-mail.js';

export interface PersonExport {
  /** Every address of theirs the export covers (see `findPerson`). */
  addresses: string[];
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
  /** SHA-256 of the address asked about: what the audit log keeps instead of the address. */
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

/** A case-insensitive PostgreSQL regular expression matching any of the terms literally. */
function literalPattern(terms: readonly string[]): string {
  return terms.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/**
 * Export everything stored about one person, and erase them. A person
 * is every address of the contacts and leads holding the address asked about
 * (see `findPerson`), and their full names.
 *
 * The erasure rule:
 * - Messages any of their addresses sent are deleted, with their locations,
 *   decisions, links and attachments.
 * - Messages they only received (to, cc, reply-to) stay for the other
 *   participants' history, redacted: their addresses leave the participants,
 *   envelope and failed recipients; the subject becomes "[redacted]" (subjects
 *   name people too often to keep); bodies, search terms and attachments are
 *   deleted. Who else took part, when, and the CRM records it is filed on remain.
 * - An attachment file leaves the store once no message refers to its hash.
 * - Quarantined raw messages that mention an address or name are deleted.
 * - Their contacts and leads are deleted (not anonymised: a record with no
 *   address and no name is of no use), with the links, shares, rules and
 *   tasks pointing at them; another record that shared one of the addresses
 *   loses it, and is deleted too when it was its last.
 * - Their threads' participants, dates and subject keys are recomputed from
 *   what is left; threads with no message left are deleted.
 * - Any other mention of an address or full name in any table (a quoted
 *   reply in someone else's body, a link's reason, a notice, the audit log)
 *   becomes "[redacted]", and those messages' search terms are made again.
 *   The same name on someone else's mail is redacted too: erasure errs
 *   towards removing.
 * - Do-not-track and block-list entries are kept (see `suppressionTables`).
 * - The erasure is audited under the SHA-256 of the address asked about, never an address.
 *
 * A person with an address of a Threadline user is refused: remove the user first.
 */
export function createPeopleService(deps: {
  database: Database;
  attachments: AttachmentStore;
  clock: Clock;
  directory: { invalidate(): Promise<void> };
}) {
  const { database, clock } = deps;

  return {
    async exportPerson(actor: Actor, key: PersonKey): Promise<PersonExport> {
      const person = await findPerson(database, key);
      const repository = peopleRepository(database);
      const [contacts, leads, messages] = await Promise.all([
        repository.contactsWithAddress(person.addresses),
        repository.leadsWithAddress(person.addresses),
        repository.messagesOf(person.addresses),
      ]);
      await auditLogRepository(database).append({
        actorId: actor.id,
        actorEmail: actor.email,
        action: 'privacy.export',
        targetType: 'person',
        targetId: person.reference,
        details: { contacts: contacts.length, leads: leads.length, messages: messages.length },
        at: clock.now(),
      });
      const sent = new Set(person.addresses);
      return {
        addresses: person.addresses,
        exportedAt: clock.now().toISOString(),
        contacts,
        leads,
        messages: messages.map((message) => ({
          ...message,
          sentAt: message.sentAt?.toISOString() ?? null,
          role: sent.has(message.fromAddress?.toLowerCase() ?? '') ? 'sender' : 'recipient',
        })),
      };
    },

    async erasePerson(actor: Actor, key: PersonKey): Promise<ErasureReport> {
      const person = await findPerson(database, key);
      if (await peopleRepository(database).userWithAddress(person.addresses)) {
        throw new ThreadlineError(
          'CONFLICT',
          'This person has the address of a Threadline user: remove the user before erasing them',
        );
      }
      const { report, removedBlobs } = await database.transaction(async (tx) => {
        const erased = await erase(tx, person);
        const report: ErasureReport = { person: person.reference, ...erased.counts };
        await auditLogRepository(tx).append({
          actorId: actor.id,
          actorEmail: actor.email,
          action: 'privacy.erase',
          targetType: 'person',
          targetId: person.reference,
          details: erased.counts,
          at: clock.now(),
        });
        return { report, removedBlobs: erased.removedBlobs };
      });
      // Files go after the commit: a rolled-back erasure must not lose attachments.
      for (const hash of removedBlobs) await deps.attachments.remove(hash);
      await deps.directory.invalidate();
      return report;
    },
  };
}

/** The erasure rule above, inside the caller's transaction. */
async function erase(tx: Queryable, person: Person) {
  const repository = erasureRepository(tx);
  const cleanup = mailCleanupRepository(tx);
  const { addresses } = person;
  const terms = [...addresses, ...person.names];
  const hashes = await repository.attachmentHashesOf(addresses);
  const threads = await repository.threadsOf(addresses);
  const messagesDeleted = await repository.deleteMessagesFrom(addresses);
  // Before redacting: afterwards the addresses no longer mark these messages.
  const attachmentsDeleted = await repository.deleteAttachmentsOfMessagesWith(addresses);
  await repository.forgetMeetingsOf(addresses);
  const messagesRedacted = await repository.redactMessagesTo(addresses);
  const quarantineDeleted = await repository.deleteQuarantinedWith(terms);
  const contacts = await repository.removeAddresses('contact', addresses);
  const contactIds = [...new Set([...contacts.emptied, ...person.contactIds])];
  await repository.deleteRecordReferences('contact', contactIds);
  await repository.deleteRecords('contact', contactIds);
  const leads = await repository.removeAddresses('lead', addresses);
  const leadIds = [...new Set([...leads.emptied, ...person.leadIds])];
  await repository.deleteRecordReferences('lead', leadIds);
  await repository.deleteRecords('lead', leadIds);
  const removedBlobs = await cleanup.deleteUnreferencedBlobs(hashes);
  let mentionsScrubbed = 0;
  if (terms.length > 0) {
    const mentioning = await repository.messagesMentioning(terms);
    const pattern = literalPattern(terms);
    for (const column of await repository.textColumns()) {
      if (suppressionTables.has(column.table)) continue;
      mentionsScrubbed += await repository.scrubColumn(column, terms, pattern);
    }
    const sources = await repository.searchSources(mentioning);
    await repository.saveSearch(
      sources.map((row) => ({ id: row.id, search: searchVector(row.subject, row.textBody) })),
    );
  }
  // After the scrub, so a subject key is made from subjects already scrubbed.
  await tidyThreads(tx, threads);
  return {
    removedBlobs,
    counts: {
      messagesDeleted,
      messagesRedacted,
      attachmentsDeleted,
      filesRemoved: removedBlobs.length,
      quarantineDeleted,
      contactsUpdated: contacts.updated - contacts.emptied.length,
      contactsDeleted: contactIds.length,
      leadsUpdated: leads.updated - leads.emptied.length,
      leadsDeleted: leadIds.length,
      threadsRecomputed: threads.length,
      mentionsScrubbed,
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
