import { readICalendar } from '../../adapters/calendar/read-icalendar.js';
import type { DavCollection } from '../../adapters/dav/dav-collection.js';
import type { Database, Statement } from '../../adapters/db/database.js';
import {
  calendarMeetingStatements,
  calendarRemovalStatement,
} from '../../adapters/db/repositories/dav-meetings.js';
import {
  davSourcesRepository,
  forgetObjectStatement,
  saveObjectStatement,
  type DavSourceForSync,
} from '../../adapters/db/repositories/dav-sources.js';
import { isThreadlineError } from '../../core/errors.js';
import { readMeetings, type Meeting } from '../../core/meetings/read-meetings.js';
import { collectionPass, fetchBatch } from './collection-changes.js';
import type { DavPassOutcome } from './dav-pass-outcome.js';

/** Objects fetched and stored together: a pass that stops keeps every batch before. */
export const davBatchSize = 250;

/**
 * One pass over a calendar: the events that changed since the last pass
 * become meetings (one per UID and occurrence, with those captured by mail),
 * the events deleted cancel theirs, and an event that cannot be read is kept
 * with its reason and fetched again only once it changes. The checkpoint
 * moves only after every batch is stored, so a pass that stops midway is
 * done again from the same point, its stored batches changing nothing.
 */
export async function syncCalendar(
  database: Database,
  source: DavSourceForSync,
  collection: DavCollection,
): Promise<DavPassOutcome> {
  const sources = davSourcesRepository(database);
  const pass = await collectionPass(collection, source, sources.stored(source.id));
  let failed = 0;
  for (let at = 0; at < pass.changed.length; at += davBatchSize) {
    const batch = await fetchBatch(collection, pass.changed.slice(at, at + davBatchSize));
    const statements: Statement[] = batch.unreadable.map((object) =>
      saveObjectStatement(source.id, { ...object, uid: null }),
    );
    failed += batch.unreadable.length;
    for (const object of batch.fetched) {
      const reading = eventsOf(object.data);
      if ('error' in reading) failed += 1;
      statements.push(
        ...('error' in reading
          ? []
          : reading.meetings.flatMap((m) => calendarMeetingStatements(source.id, m))),
        saveObjectStatement(source.id, {
          href: object.href,
          etag: object.etag,
          uid: 'error' in reading ? null : (reading.meetings[0]?.uid ?? null),
          error: 'error' in reading ? reading.error : null,
        }),
      );
    }
    await database.atomically(statements);
  }
  const removals = pass.removed.flatMap((href) => {
    const uid = pass.known.get(href)?.uid;
    return [
      ...(uid ? [calendarRemovalStatement(source.id, uid)] : []),
      forgetObjectStatement(source.id, href),
    ];
  });
  if (removals.length > 0) await database.atomically(removals);
  return {
    pass,
    fetched: pass.changed.length,
    failed,
    removed: pass.removed.length,
  };
}

type EventsReading = { readonly meetings: readonly Meeting[] } | { readonly error: string };

function eventsOf(data: string): EventsReading {
  try {
    const readings = readMeetings(readICalendar(data), null);
    const errors = readings.flatMap((reading) => ('error' in reading ? [reading.error] : []));
    if (errors.length > 0) return { error: errors.join('; ') };
    const meetings = readings.flatMap((reading) => ('meeting' in reading ? [reading.meeting] : []));
    if (meetings.length === 0) return { error: 'no VEVENT in the calendar object' };
    return { meetings };
  } catch (error) {
    return { error: isThreadlineError(error) ? error.message : String(error) };
  }
}
