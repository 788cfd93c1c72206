import type { DavCollection, DavObjectData } from '../../adapters/dav/dav-collection.js';
import { readVCard, writeVCard, type ReadCard } from '../../adapters/dav/vcard.js';
import type { Database } from '../../adapters/db/database.js';
import {
  davContactsRepository,
  updateContactStatements,
} from '../../adapters/db/repositories/dav-contacts.js';
import {
  davSourcesRepository,
  forgetObjectStatement,
  saveObjectStatement,
  type DavObjectRow,
  type DavSourceForSync,
} from '../../adapters/db/repositories/dav-sources.js';
import { mergeCard, type Overwrite } from '../../core/dav/card-merge.js';
import type { ContactCard } from '../../core/dav/contact-card.js';
import { isThreadlineError } from '../../core/errors.js';
import type { AuditLog } from '../sharing/audit-log.js';
import { collectionPass, fetchBatch } from './collection-changes.js';
import type { DavPassOutcome } from './dav-pass-outcome.js';
import { davBatchSize } from './sync-calendar.js';

interface AddressBookSync {
  readonly database: Database;
  readonly audit: AuditLog;
  readonly source: DavSourceForSync;
  readonly collection: DavCollection;
}

/**
 * One pass over an address book, both ways. First the cards changed on the
 * phone come in: each is merged with its contact (`mergeCard`: the conflict
 * policy), the CRM takes what the merge gives it, and every value it
 * overwrites, or that overrules the phone's, is audited. A new card is
 * linked to the contact holding one of its addresses, else kept aside. Then
 * every contact the address book lacks, or shows otherwise than the CRM, is
 * written, and the cards of contacts gone from the CRM are deleted.
 *
 * Deletions: a card deleted on the phone is written again (the CRM keeps
 * its contact; the address book mirrors the CRM); a contact deleted in the
 * CRM has its card deleted.
 *
 * A card we wrote is stored with the ETag the server gave it, so the next
 * pass does not read it back as the user's. A pass that stops midway loses
 * nothing: the stored base says what is still to be written either way.
 */
export async function syncAddressBook(sync: AddressBookSync): Promise<DavPassOutcome> {
  const { database, source, collection } = sync;
  const stored = davSourcesRepository(database).stored(source.id);
  const pass = await collectionPass(collection, source, stored);
  let failed = 0;
  const touched: string[] = [];
  for (let at = 0; at < pass.changed.length; at += davBatchSize) {
    const batch = await fetchBatch(collection, pass.changed.slice(at, at + davBatchSize));
    if (batch.unreadable.length > 0) {
      await database.atomically(
        batch.unreadable.map((object) => saveObjectStatement(source.id, { ...object, uid: null })),
      );
    }
    failed += batch.unreadable.length;
    for (const object of batch.fetched) {
      const pulled = await pullCard(sync, object, pass.known.get(object.href));
      if (pulled === false) failed += 1;
      else if (pulled !== null) touched.push(pulled);
    }
  }
  if (pass.removed.length > 0) {
    await database.atomically(pass.removed.map((href) => forgetObjectStatement(source.id, href)));
    touched.push(...pass.removed.flatMap((href) => pass.known.get(href)?.contactId ?? []));
  }
  const { written, deleted } = await pushContacts(sync, touched);
  return {
    pass: { ...pass, serverCount: pass.serverCount + written.created - deleted },
    fetched: pass.changed.length,
    failed,
    removed: pass.removed.length,
    written: written.created + written.updated,
  };
}

/**
 * Brings one card changed on the phone in: returns the contact it stands
 * for (null when it matches none), false when it cannot be read.
 */
async function pullCard(
  sync: AddressBookSync,
  object: DavObjectData,
  stored: DavObjectRow | undefined,
): Promise<string | null | false> {
  const { database, source } = sync;
  const contacts = davContactsRepository(database);
  let read: ReadCard;
  try {
    read = readVCard(object.data);
  } catch (error) {
    const reason = isThreadlineError(error) ? error.message : String(error);
    await database.atomically([
      saveObjectStatement(source.id, { ...object, uid: null, error: reason }),
    ]);
    return false;
  }
  const linked = stored?.contactId ?? null;
  const contactId = linked ?? (await contacts.contactWithAddress(read.card.emails));
  const crm = contactId === null ? undefined : (await contacts.cards([contactId])).get(contactId);
  if (contactId === null || crm === undefined) {
    await database.atomically([
      saveObjectStatement(source.id, { ...object, uid: read.uid, error: null }),
    ]);
    return null;
  }
  const base = linked === null ? null : ((stored?.base as ContactCard | null) ?? null);
  const merge = mergeCard(base, crm, read.card);
  await database.atomically([
    ...(merge.crmChanges.length > 0 ? updateContactStatements(contactId, merge.merged) : []),
    // The base is the card as the phone has it: where it differs from the CRM, it is written next.
    saveObjectStatement(source.id, {
      ...object,
      uid: read.uid,
      contactId,
      base: read.card,
      error: null,
    }),
  ]);
  await auditOverwrites(sync, contactId, merge.crmChanges, merge.conflicts);
  return contactId;
}

async function auditOverwrites(
  { audit, source }: AddressBookSync,
  contactId: string,
  crmChanges: readonly Overwrite[],
  overruled: readonly Overwrite[],
): Promise<void> {
  const actor = { id: source.ownerId, email: source.ownerEmail };
  const target = { type: 'contact', id: contactId };
  for (const change of crmChanges) {
    await audit.record(actor, 'contact.address_book_update', target, {
      ...change,
      addressBook: source.id,
    });
  }
  for (const change of overruled) {
    await audit.record(actor, 'contact.address_book_overruled', target, {
      ...change,
      addressBook: source.id,
    });
  }
}

/**
 * Writes the contacts the address book lacks or shows otherwise (changed
 * since the last pass, or `touched` by it), and deletes orphaned cards.
 */
async function pushContacts(
  { database, source, collection }: AddressBookSync,
  touched: readonly string[],
) {
  const contacts = davContactsRepository(database);
  const written = { created: 0, updated: 0 };
  const folder = source.url.endsWith('/') ? source.url : `${source.url}/`;
  const newest = await contacts.newestVersion();
  for (const contact of await contacts.toWrite(source.id, source.cardsVersion, touched)) {
    const href = contact.href ?? `${folder}${contact.contactId}.vcf`;
    const uid = contact.uid ?? contact.contactId;
    let etag: string | null;
    try {
      etag = await collection.put(href, writeVCard(uid, contact.card), contact.etag);
    } catch (error) {
      // Changed on the phone meanwhile: the next pass merges it first, then writes it.
      if (!(isThreadlineError(error) && error.code === 'CONFLICT')) throw error;
      await contacts.writeLater(contact.contactId);
      continue;
    }
    if (contact.href === null) written.created += 1;
    else written.updated += 1;
    await database.atomically([
      saveObjectStatement(source.id, {
        href,
        etag: etag ?? '',
        uid,
        contactId: contact.contactId,
        base: contact.card,
        error: null,
      }),
    ]);
  }
  let deleted = 0;
  for (const orphan of await contacts.orphans(source.id)) {
    try {
      await collection.remove(orphan.href, orphan.etag || null);
      deleted += 1;
    } catch (error) {
      if (!(isThreadlineError(error) && error.code === 'CONFLICT')) throw error;
    }
    await database.atomically([forgetObjectStatement(source.id, orphan.href)]);
  }
  await contacts.caughtUp(source.id, newest);
  return { written, deleted };
}
