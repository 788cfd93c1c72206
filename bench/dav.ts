import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarMultiGet, syncCollection } from 'tsdav';
import { writeVCard } from '../src/adapters/dav/vcard.js';
import { openApp } from '../src/app/open-app.js';
import { loadConfig } from '../src/config/config.js';
import { calendarEvent } from '../test/support/calendar-objects.js';
import { startRadicale } from '../test/support/radicale.js';
import { median, peakRssMb } from './measure.js';

/**
 * `npm run bench:dav`: a private Radicale holding BENCH_EVENTS (default
 * 10,000) events in one calendar and BENCH_CONTACTS (default 10,000) cards
 * in one address book, and an embedded store holding the same contacts,
 * seeded by SQL. The collections are written straight into Radicale's
 * storage (one file per object, as it keeps them): a PUT per object makes
 * Radicale check the new UID against every object it holds, which at this
 * size takes hours. Everything measured goes over HTTP as a client's sync
 * would: the first sync of the calendar (every event becomes a meeting) and
 * of the address book (every card linked to its contact, nothing written
 * back since both sides agree), then the incremental syncs with one change
 * each (the median of three): an event moved in the calendar, a contact
 * edited in the CRM. The last line gives the slower of the two incremental
 * syncs (target under 200 ms) and this process's peak resident memory. The baselines are bare
 * tsdav requests in the same run: the whole collection listed, and each
 * incremental sync's requests (sync-collection with one change, then the
 * multi-get or the PUT) made again after a change of the same kind, so
 * Threadline's share of an incremental sync is printed apart from the
 * server's.
 */
const eventCount = Number(process.env.BENCH_EVENTS ?? 10_000);
const contactCount = Number(process.env.BENCH_CONTACTS ?? 10_000);
const targetMs = 200;
const rounds = 3;

const basicAuth = { authorization: `Basic ${Buffer.from('rita:bench-pass').toString('base64')}` };
const radicale = await startRadicale();
const dataDir = await mkdtemp(join(tmpdir(), 'threadline-bench-dav-'));
try {
  await radicale.addUser('rita', 'bench-pass');
  const calendarUrl = await radicale.createCalendar('rita', 'work');
  const bookUrl = await radicale.createAddressBook('rita', 'contacts');
  const events: Record<string, string> = {};
  for (let n = 0; n < eventCount; n += 1) {
    const day = String(1 + (n % 28)).padStart(2, '0');
    events[`event-${n}.ics`] = calendarEvent({
      uid: `event-${n}@bench`,
      summary: `Call ${n}`,
      start: `202603${day}T${String(8 + (n % 9)).padStart(2, '0')}0000`,
      attendees: [{ email: `person-${n % contactCount}@customer.example`, partstat: 'ACCEPTED' }],
    });
  }
  await radicale.writeObjects(calendarUrl, events);
  await radicale.writeObjects(bookUrl, cardsOf(contactCount));
  const bare = (url: string, syncToken?: string) =>
    timedMs(() =>
      syncCollection({
        url,
        props: { 'd:getetag': {} },
        syncLevel: 1,
        ...(syncToken ? { syncToken } : {}),
        headers: basicAuth,
      }),
    );
  // Radicale parses files it has not seen into its cache on the first request, for longer than a
  // client waits at this size; what it parsed stays cached, so asking again finishes the job.
  for (const url of [calendarUrl, bookUrl]) await untilAnswered(() => bare(url));
  const listing = { calendar: await bare(calendarUrl), book: await bare(bookUrl) };
  console.log(
    `baseline: bare sync-collection listing the whole collection: calendar ${listing.calendar.ms.toFixed(0)} ms ` +
      `(${listing.calendar.value.length} objects), address book ${listing.book.ms.toFixed(0)} ms ` +
      `(${listing.book.value.length} objects)`,
  );

  const core = await openApp(
    loadConfig({
      THREADLINE_DATA_DIR: dataDir,
      THREADLINE_LOG_LEVEL: 'silent',
      THREADLINE_ADMIN_EMAIL: 'rita@threadline.example',
      THREADLINE_ADMIN_PASSWORD: 'bench-password-123',
      THREADLINE_MAIL_HOSTS_ALLOW: '127.0.0.1',
      THREADLINE_MAIL_PORTS: '1024-65535',
    }),
  );
  try {
    await core.database.query(
      `INSERT INTO contacts (first_name, last_name, title, phones)
       SELECT 'Person', 'Number ' || n, 'Buyer', jsonb_build_array('+1 555 ' || lpad(n::text, 5, '0'))
       FROM generate_series(0, $1 - 1) AS n`,
      [contactCount],
    );
    await core.database.query(
      `INSERT INTO contact_emails (contact_id, address, position)
       SELECT id, 'person-' || substring(last_name FROM 8) || '@customer.example', 0 FROM contacts`,
    );
    const [rita] = await core.database.query<{ id: string }>('SELECT id FROM users LIMIT 1');
    const owner = { id: rita!.id, isAdmin: true };
    const connect = (kind: 'caldav' | 'carddav', url: string) =>
      core.dav.connect(owner.id, {
        kind,
        label: kind,
        url,
        username: 'rita',
        password: 'bench-pass',
      });
    const calendar = await connect('caldav', calendarUrl);
    const book = await connect('carddav', bookUrl);
    const timed = async (id: string) => {
      const started = performance.now();
      const result = await core.dav.sync(id, owner);
      if (!result.ok) throw new Error(`sync failed: ${result.code} ${result.message}`);
      return { ms: performance.now() - started, result };
    };

    const caldav = await timed(calendar.id);
    console.log(
      `caldav initial: ${caldav.result.fetched} events in ${(caldav.ms / 1000).toFixed(1)} s`,
    );
    const carddav = await timed(book.id);
    console.log(
      `carddav initial: ${carddav.result.fetched} cards read, ${carddav.result.written ?? 0} written in ${(carddav.ms / 1000).toFixed(1)} s`,
    );

    const tokenOf = async (id: string) => {
      const [row] = await core.database.query<{ syncToken: string }>(
        'SELECT sync_token AS "syncToken" FROM dav_sources WHERE id = $1',
        [id],
      );
      return row!.syncToken;
    };
    const moveEvent = (n: number) =>
      radicale.put(
        'rita',
        'bench-pass',
        `${calendarUrl}event-${n}.ics`,
        calendarEvent({ uid: `event-${n}@bench`, sequence: 1, start: '20260310T090000' }),
      );
    // Rounds alternate Threadline's sync with the same requests made bare after a change of the
    // same kind (what the server alone takes); medians, so a busy moment weighs on neither side.
    const ours = { calendar: [] as number[], book: [] as number[] };
    const server = { calendar: [] as number[], book: [] as number[] };
    for (let round = 0; round < rounds; round += 1) {
      await moveEvent(10 + 2 * round);
      ours.calendar.push((await timed(calendar.id)).ms);
      await core.database.query(
        `UPDATE contacts SET title = 'Head of buying'
         WHERE id = (SELECT id FROM contacts ORDER BY last_name OFFSET $1 LIMIT 1)`,
        [round],
      );
      ours.book.push((await timed(book.id)).ms);

      await moveEvent(11 + 2 * round);
      const listed = await bare(calendarUrl, await tokenOf(calendar.id));
      const fetched = await timedMs(() =>
        calendarMultiGet({
          url: calendarUrl,
          props: { 'd:getetag': {}, 'c:calendar-data': {} },
          objectUrls: [new URL(`${calendarUrl}event-${11 + 2 * round}.ics`).pathname],
          depth: '1',
          headers: basicAuth,
        }),
      );
      server.calendar.push(listed.ms + fetched.ms);
      const cardUrl = `${bookUrl}card-${contactCount - 1 - round}.vcf`;
      const card = await radicale.get('rita', 'bench-pass', cardUrl);
      const changes = await bare(bookUrl, await tokenOf(book.id));
      const put = await timedMs(() =>
        radicale.put(
          'rita',
          'bench-pass',
          cardUrl,
          card.replace('TITLE:Buyer', 'TITLE:Purchasing'),
        ),
      );
      server.book.push(changes.ms + put.ms);
      // Unmeasured: takes in the bare round's changes, so the next round has one change each.
      await timed(calendar.id);
      await timed(book.id);
    }
    const incremental = { calendar: median(ours.calendar), book: median(ours.book) };
    const bareMs = { calendar: median(server.calendar), book: median(server.book) };
    console.log(
      `incremental (median of ${rounds}): calendar ${incremental.calendar.toFixed(0)} ms (1 event fetched), ` +
        `address book ${incremental.book.toFixed(0)} ms (1 card written); target < ${targetMs} ms`,
    );
    console.log(
      `baseline: the same requests bare after one change (median of ${rounds}): calendar ` +
        `${bareMs.calendar.toFixed(0)} ms (sync-collection and multi-get), address book ` +
        `${bareMs.book.toFixed(0)} ms (sync-collection and PUT)`,
    );
    console.log(
      `Threadline's share of the incremental syncs: calendar ${(incremental.calendar - bareMs.calendar).toFixed(0)} ms, ` +
        `address book ${(incremental.book - bareMs.book).toFixed(0)} ms`,
    );
    const [meetings] = await core.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM meetings',
    );
    if (meetings!.n !== eventCount)
      throw new Error(`${meetings!.n} meetings for ${eventCount} events`);
    console.log(
      `dav: events=${eventCount} contacts=${contactCount} ` +
        `caldav_initial_s=${(caldav.ms / 1000).toFixed(1)} carddav_initial_s=${(carddav.ms / 1000).toFixed(1)} ` +
        `incremental_ms=${Math.max(incremental.calendar, incremental.book).toFixed(0)} peak_rss_mb=${peakRssMb()}`,
    );
  } finally {
    await core.close();
  }
} finally {
  await radicale.close();
  await rm(dataDir, { recursive: true, force: true });
}

async function timedMs<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

/** The cards of the contacts the store is seeded with, as the last sync would have written them. */
function cardsOf(count: number): Record<string, string> {
  const cards: Record<string, string> = {};
  for (let n = 0; n < count; n += 1) {
    cards[`card-${n}.vcf`] = writeVCard(`card-${n}`, {
      firstName: 'Person',
      lastName: `Number ${n}`,
      title: 'Buyer',
      emails: [`person-${n}@customer.example`],
      phones: [`+1 555 ${String(n).padStart(5, '0')}`],
      addresses: [],
    });
  }
  return cards;
}

async function untilAnswered(request: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await request();
      return;
    } catch (error) {
      if (attempt === 20) throw error;
    }
  }
}
