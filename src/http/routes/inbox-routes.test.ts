import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  mail,
  openSharingWorld,
  type Person,
  type SharingWorld,
} from '../../../test/support/sharing-world.js';
import { createSalesInboxService } from '../../services/inbox/sales-inbox-service.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { inboxRoutes } from './inbox-routes.js';

const hour = 60 * 60 * 1000;
/** A mail Date header `hours` before now, so the default 30-day window applies. */
const ago = (hours: number) => new Date(Date.now() - hours * hour).toUTCString();

interface Row {
  threadId: string;
  messageId: string;
  column: string;
  via: string | null;
  subject: string;
  lastAt: string;
  counterpart: { address: string; name: string | null } | null;
  counterpartLead: { id: string; name: string } | null;
  links: { type: string; id: string; name: string | null; reason: string }[];
}
type Columns = Partial<Record<'crm' | 'unknown' | 'colleagues' | 'noise', Row[]>>;

const ritasMail = [
  // A customer on an open deal.
  mail({
    id: '<in-deal@acme.com>',
    from: 'Grace Hopper <grace.hopper@acme.com>',
    to: 'rita@threadline.example',
    subject: 'Renewal pricing',
    date: ago(5),
  }),
  mail({
    id: '<in-deal-reply@threadline.example>',
    from: 'Rita Rep <rita@threadline.example>',
    to: 'Grace Hopper <grace.hopper@acme.com>',
    subject: 'RE: Renewal pricing',
    date: ago(4),
    headers: ['In-Reply-To: <in-deal@acme.com>', 'References: <in-deal@acme.com>'],
  }),
  // A known lead.
  mail({
    id: '<in-lead@initech.example>',
    from: 'Lin Chen <lin.chen@initech.example>',
    to: 'rita@threadline.example',
    subject: 'Question about your product',
    date: ago(10),
  }),
  // An unknown sender: a possible lead.
  mail({
    id: '<in-unknown@newco.example>',
    from: 'Pat Prospect <pat@newco.example>',
    to: 'rita@threadline.example',
    subject: 'Interested in a demo',
    date: ago(2),
  }),
  // Rita writing to someone not in the CRM, no answer yet.
  mail({
    id: '<in-outbound@threadline.example>',
    from: 'rita@threadline.example',
    to: 'Nora New <nora@startup.example>',
    subject: 'Nice meeting you',
    date: ago(20),
  }),
  // A colleague.
  mail({
    id: '<in-colleague@threadline.example>',
    from: 'Max Manager <max@threadline.example>',
    to: 'rita@threadline.example',
    subject: 'Pipeline review',
    date: ago(3),
  }),
  // Noise: a newsletter.
  mail({
    id: '<in-noise@shop.example>',
    from: 'Shop News <news@shop.example>',
    to: 'rita@threadline.example',
    subject: 'Our spring sale',
    date: ago(1),
    headers: ['List-Unsubscribe: <mailto:unsubscribe@shop.example>', 'Precedence: bulk'],
  }),
  // Outside the default 30-day window.
  mail({
    id: '<in-old@oldco.example>',
    from: 'Olaf Old <olaf@oldco.example>',
    to: 'rita@threadline.example',
    subject: 'Long ago',
    date: ago(24 * 45),
  }),
];

const olgasMail = mail({
  id: '<in-olga@elsewhere.example>',
  from: 'Eve Elsewhere <eve@elsewhere.example>',
  to: 'olga@threadline.example',
  subject: 'For Olga only',
  date: ago(1),
});

describe.each(testBackends())('sales inbox on the %s backend', (backend) => {
  let world: SharingWorld;
  let app: HttpApp;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    const { core } = world;
    app = await buildHttpApp(core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [
        inboxRoutes(
          createSalesInboxService({
            database: core.database,
            clock: core.clock,
            directory: core.directory,
          }),
        ),
      ],
    });
    await world.importMail('rita', ...ritasMail);
    await world.importMail('olga', olgasMail);
    // Even mail shared with everyone stays out of other people's inboxes.
    await core.database.query(
      `INSERT INTO sharing_settings (user_id, mode) VALUES ($1, 'public'), ($2, 'public')`,
      [world.users.rita.id, world.users.olga.id],
    );
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await world?.close();
  });

  const inbox = async (person: Person, query = '') => {
    const response = await app.inject({ url: `/api/inbox${query}`, headers: world.as(person) });
    expect(response.statusCode).toBe(200);
    return response.json<{ columns: Columns; next: string | null }>();
  };
  const subjects = (rows: Row[] | undefined) => (rows ?? []).map((row) => row.subject);

  it('sorts the user’s recent threads into crm, unknown and colleagues, newest first', async () => {
    const { columns, next } = await inbox('rita');
    expect(next).toBeNull();
    expect(Object.keys(columns).sort()).toEqual(['colleagues', 'crm', 'unknown']);
    expect(subjects(columns.crm)).toEqual(['RE: Renewal pricing', 'Question about your product']);
    expect(subjects(columns.unknown)).toEqual(['Interested in a demo', 'Nice meeting you']);
    expect(subjects(columns.colleagues)).toEqual(['Pipeline review']);
  });

  it('says what a crm thread is filed on, with the records’ names', async () => {
    const { columns } = await inbox('rita');
    const [deal, lead] = columns.crm!;
    expect(deal).toMatchObject({
      via: 'deal',
      counterpart: { address: 'grace.hopper@acme.com', name: 'Grace Hopper' },
    });
    expect(deal!.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'deal', name: 'Acme platform renewal' }),
        expect.objectContaining({ type: 'contact', name: 'Grace Hopper' }),
      ]),
    );
    expect(deal!.links[0]!.type).toBe('deal');
    expect(lead).toMatchObject({
      via: 'lead',
      counterpart: { address: 'lin.chen@initech.example', name: 'Lin Chen' },
      links: [expect.objectContaining({ type: 'lead', name: 'Lin Chen' })],
    });
  });

  it('names the other side: the sender, or whom the user wrote to', async () => {
    const { columns } = await inbox('rita');
    expect(columns.unknown!.map((row) => row.counterpart)).toEqual([
      { address: 'pat@newco.example', name: 'Pat Prospect' },
      { address: 'nora@startup.example', name: 'Nora New' },
    ]);
    expect(columns.unknown!.every((row) => row.via === null && row.links.length === 0)).toBe(true);
    expect(columns.colleagues![0]!.counterpart).toEqual({
      address: 'max@threadline.example',
      name: 'Max Manager',
    });
  });

  it('leads from each thread to its newest message, which the user may open', async () => {
    const { columns } = await inbox('rita');
    const [deal] = columns.crm!;
    const rita = (await world.core.auth.findUserByEmail(world.users.rita.email))!;
    const opened = await world.core.mailReads.message(rita, deal!.messageId, {
      remoteImages: false,
    });
    expect(opened).toMatchObject({ subject: 'RE: Renewal pricing' });
  });

  it('shows noise only when asked, and older mail with a longer window', async () => {
    const noisy = await inbox('rita', '?columns=noise');
    expect(Object.keys(noisy.columns)).toEqual(['noise']);
    expect(subjects(noisy.columns.noise)).toEqual(['Our spring sale']);
    const longer = await inbox('rita', '?columns=unknown&days=60');
    expect(subjects(longer.columns.unknown)).toEqual([
      'Interested in a demo',
      'Nice meeting you',
      'Long ago',
    ]);
  });

  it('pages by keyset without losing or repeating a thread', async () => {
    const all = await inbox('rita', '?columns=crm,unknown,colleagues,noise');
    const everything = Object.values(all.columns)
      .flat()
      .sort((a, b) => b.lastAt.localeCompare(a.lastAt))
      .map((row) => row.threadId);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?columns=crm,unknown,colleagues,noise&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await inbox('rita', query);
      const rows = Object.values(page.columns).flat();
      expect(rows.length).toBeLessThanOrEqual(2);
      paged.push(
        ...rows.sort((a, b) => b.lastAt.localeCompare(a.lastAt)).map((row) => row.threadId),
      );
      cursor = page.next;
    } while (cursor);
    expect(paged).toEqual(everything);
    expect(everything).toHaveLength(6);
  });

  it('never shows another user’s mail, even shared publicly, even to an admin', async () => {
    const olga = await inbox('olga', '?columns=crm,unknown,colleagues,noise');
    expect(
      Object.values(olga.columns)
        .flat()
        .map((row) => row.subject),
    ).toEqual(['For Olga only']);
    for (const person of ['ravi', 'max', 'ada'] as const) {
      const other = await inbox(person, '?columns=crm,unknown,colleagues,noise&days=365');
      expect(Object.values(other.columns).flat()).toEqual([]);
    }
    const rita = await inbox('rita', '?columns=crm,unknown,colleagues,noise');
    expect(
      Object.values(rita.columns)
        .flat()
        .map((row) => row.subject),
    ).not.toContain('For Olga only');
  });

  it('rejects an unknown column and a forged cursor', async () => {
    const column = await app.inject({ url: '/api/inbox?columns=spam', headers: world.as('rita') });
    expect(column.statusCode).toBe(400);
    const cursor = await app.inject({ url: '/api/inbox?cursor=abc', headers: world.as('rita') });
    expect(cursor.statusCode).toBe(400);
    const anonymous = await app.inject({ url: '/api/inbox' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('creates a lead from an unknown sender, owned by the user, and shows it on the row', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/inbox/leads',
      headers: world.as('rita'),
      payload: { address: ' Pat@NewCo.example ', name: 'Pat Prospect', company: 'NewCo' },
    });
    expect(response.statusCode).toBe(201);
    const lead = response.json<{ id: string }>();
    expect(lead).toMatchObject({
      firstName: 'Pat',
      lastName: 'Prospect',
      company: 'NewCo',
      ownerId: world.users.rita.id,
      emails: ['pat@newco.example'],
    });
    // The message that prompted the lead is filed on it by the time the answer comes.
    const filed = await world.core.database.query<{ key: string }>(
      `SELECT m.message_id AS key FROM message_links l JOIN messages m ON m.id = l.message_id
       WHERE l.record_type = 'lead' AND l.record_id = $1`,
      [lead.id],
    );
    expect(filed).toEqual([{ key: '<in-unknown@newco.example>' }]);
    const { columns } = await inbox('rita');
    // The address's mail is decided again: its thread is now filed on the lead.
    expect(columns.unknown!.map((row) => row.subject)).not.toContain('Interested in a demo');
    expect(columns.crm!.find((row) => row.subject === 'Interested in a demo')).toMatchObject({
      counterpartLead: { id: lead.id, name: 'Pat Prospect' },
    });
    expect(columns.unknown!.every((row) => row.counterpartLead === null)).toBe(true);
  });

  it('files the new lead’s mail on it, and no one else’s', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/inbox/leads',
      headers: world.as('rita'),
      payload: { address: 'nora@startup.example', name: 'Nora New' },
    });
    expect(response.statusCode).toBe(201);
    const lead = response.json<{ id: string }>();
    const filed = await world.core.database.query<{ key: string; captured: boolean }>(
      `SELECT m.message_id AS key, m.captured FROM message_links l JOIN messages m ON m.id = l.message_id
       WHERE l.record_type = 'lead' AND l.record_id = $1`,
      [lead.id],
    );
    expect(filed).toEqual([{ key: '<in-outbound@threadline.example>', captured: true }]);
  });

  it('refuses a lead for an address a contact or lead already has, or that is not an address', async () => {
    for (const address of ['pat@newco.example', 'grace.hopper@acme.com']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/inbox/leads',
        headers: world.as('rita'),
        payload: { address, name: 'Someone' },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    }
    const invalid = await app.inject({
      method: 'POST',
      url: '/api/inbox/leads',
      headers: world.as('rita'),
      payload: { address: 'not an address', name: 'X' },
    });
    expect(invalid.statusCode).toBe(400);
  });
});
