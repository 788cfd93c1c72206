import { crmCsvColumns } from '../../src/services/crm-csv/crm-csv-files.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NoiseCategory } from '../../src/core/noise/verdict.js';
import {
  alternativeBody,
  calendarBody,
  createMailWriter,
  deliveryReportBody,
  encodeWord,
  formatAddress,
  formatDate,
  mboxEntry,
  plainBody,
  withAttachment,
  type MimeBody,
} from './corpus-mail.js';
import {
  expectedLabels,
  type CorpusLabel,
  type CorpusMail,
  type MailAddressSpec,
} from './corpus-oracle.js';
import {
  asciiName,
  createWorld,
  type Person,
  type World,
  type WorldContact,
  type WorldUser,
} from './corpus-world.js';
import { seededRandom, type SeededRandom } from './seeded-random.js';

/** When the CRM says its won and lost deals closed: after the last generated message. */
const closedDealsClosedAt = '2025-12-31';

export type { CorpusLabel } from './corpus-oracle.js';

export interface GeneratedCorpus {
  readonly crmDir: string;
  /** Owner e-mail and mbox path, in import order. */
  readonly mailboxes: readonly { owner: string; file: string }[];
  readonly labelsFile: string;
  readonly labels: readonly CorpusLabel[];
  /** Messages written to mbox files (one message in two mailboxes counts twice). */
  readonly messagesWritten: number;
}

/**
 * Writes a labelled test mailbox into `dir`, the same bytes for the same
 * seed: `crm/` (CSV files per docs/crm-csv.md), one `<user>.mbox` per
 * user, and `labels.jsonl` with the expected capture, category and links of
 * every unique Message-ID. Conversations cross users' mailboxes, and the
 * noise is shaped like the real thing (see test/fixtures/mail).
 */
export async function generateCorpus(seed: number, dir: string): Promise<GeneratedCorpus> {
  const random = seededRandom(seed);
  const world = createWorld(random);
  const mails = composeMails(world, random);

  const crmDir = join(dir, 'crm');
  await mkdir(crmDir, { recursive: true });
  for (const [file, content] of Object.entries(crmFiles(world))) {
    await writeFile(join(crmDir, file), content);
  }

  const mailboxes: { owner: string; file: string }[] = [];
  const occurrences: { mail: CorpusMail; owner: string }[] = [];
  let messagesWritten = 0;
  for (const user of world.users) {
    const own = mails
      .filter((mail) => mail.mailboxes.includes(user.email))
      .sort((a, b) => a.date.getTime() - b.date.getTime());
    const file = join(dir, `${user.email.split('@')[0]!}.mbox`);
    await writeFile(
      file,
      own.map((mail) => mboxEntry('MAILER-DAEMON', mail.date, mail.raw)).join('\n'),
    );
    mailboxes.push({ owner: user.email, file });
    occurrences.push(...own.map((mail) => ({ mail, owner: user.email })));
    messagesWritten += own.length;
  }

  const labels = expectedLabels(world, occurrences);
  const labelsFile = join(dir, 'labels.jsonl');
  await writeFile(labelsFile, labels.map((label) => `${JSON.stringify(label)}\n`).join(''));
  return { crmDir, mailboxes, labelsFile, labels, messagesWritten };
}

function csv(rows: readonly (readonly string[])[]): string {
  const cell = (value: string) =>
    /[",\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

function crmFiles(world: World): Record<string, string> {
  const list = (values: readonly string[]) => values.join(' ; ');
  return {
    'users.csv': csv([
      ['name', 'email', 'role', 'manager_email', 'aliases'],
      ...world.users.map((u) => [
        `${u.first} ${u.last}`,
        u.email,
        u.role,
        u.managerEmail ?? '',
        list(u.aliases),
      ]),
    ]),
    'settings.csv': csv([
      ['key', 'value'],
      ['internal_domains', list(world.internalDomains)],
    ]),
    'accounts.csv': csv([
      ['external_id', 'name', 'domains', 'parent_external_id', 'owner_email'],
      ...world.accounts.map((a) => [
        a.externalId,
        a.name,
        list(a.domains),
        a.parentExternalId ?? '',
        world.users[1]!.email,
      ]),
    ]),
    'contacts.csv': csv([
      [...crmCsvColumns['contacts.csv']],
      ...world.contacts.map((c) => [
        c.externalId,
        c.accountExternalId ?? '',
        c.first,
        c.last,
        list(c.emails),
        'Head of Operations',
        'DE',
        '',
      ]),
    ]),
    'leads.csv': csv([
      ['external_id', 'first_name', 'last_name', 'company', 'emails', 'country', 'status'],
      ...world.leads.map((l) => [
        l.externalId,
        l.first,
        l.last,
        l.company,
        list(l.emails),
        'FR',
        'new',
      ]),
    ]),
    'deals.csv': csv([
      [...crmCsvColumns['deals.csv']],
      ...world.deals.map((d) => [
        d.externalId,
        d.accountExternalId,
        d.name,
        d.status === 'open' ? 'Negotiation' : `Closed ${d.status}`,
        d.status,
        '12000',
        'Platform',
        list(d.contactExternalIds),
        world.users[1]!.email,
        list([world.users[1]!.email, world.users[2]!.email]),
        'EUR',
        '',
        // After every generated message: a closed deal stays linkable to all of them.
        d.status === 'open' ? '' : closedDealsClosedAt,
      ]),
    ]),
    'cases.csv': csv([
      ['external_id', 'number', 'account_external_id', 'contact_external_id', 'subject', 'status'],
      ...world.cases.map((k) => [
        k.externalId,
        k.number,
        k.accountExternalId,
        k.contactExternalId,
        k.subject,
        k.status,
      ]),
    ]),
    'blocklist.csv': csv([
      ['owner_email', 'pattern'],
      ...world.blocklist.map((b) => [b.ownerEmail ?? '', b.pattern]),
    ]),
  };
}

const topics = [
  'Pricing for the next term',
  'Onboarding plan',
  'Security questionnaire',
  'Contract redlines',
  'Usage review',
  'Integration timeline',
  'Purchase order',
  'Quarterly business review',
  'Training sessions',
  'Data migration scope',
  'Reference call',
  'Budget approval',
  'Rollout to the second site',
  'SLA questions',
  'Invoice query',
  'Workshop agenda',
];
const replies = [
  'Thanks, that works for us. Could you send the updated figures by Friday?',
  'Vielen Dank für die Unterlagen. Wir melden uns nächste Woche.',
  'Merci pour votre retour, je regarde cela avec l’équipe.',
  'Sounds good. Looping in procurement so they can raise the PO.',
  'Could we move the call to Thursday afternoon?',
  'Attached is the signed version. Let me know if anything is missing.',
  'Gracias, lo revisamos y te confirmo mañana.',
];

interface Draft {
  from: MailAddressSpec;
  to: readonly MailAddressSpec[];
  cc?: readonly MailAddressSpec[];
  replyTo?: readonly MailAddressSpec[];
  subject: string;
  date: Date;
  noise: NoiseCategory;
  mailboxes: readonly string[];
  body: MimeBody;
  headers?: readonly string[];
  returnPath?: string;
  inReplyTo?: CorpusMail;
  namedCase?: string;
  namedDeal?: string;
  idDomain?: string;
}

/** Every message of the corpus, each scenario a short function over the world. */
function composeMails(world: World, random: SeededRandom): CorpusMail[] {
  const writer = createMailWriter(random);
  const mails: CorpusMail[] = [];
  const threadOf = new Map<string, string>();
  const references = new Map<string, string[]>();
  let boundaryCount = 0;
  const boundary = () => `----=_Part_${(boundaryCount += 1)}_${random.int(1e9)}`;
  const start = Date.UTC(2025, 1, 3, 8, 0, 0);
  const day = (n: number) => new Date(start + n * 86_400_000 + random.int(9 * 3_600_000));
  const later = (date: Date, hours: number) =>
    new Date(date.getTime() + hours * 3_600_000 + random.int(3_000_000));

  const [manager, rep, rep2, rep3] = world.users as [WorldUser, WorldUser, WorldUser, WorldUser];
  const reps = [rep, rep2, rep3];
  const nameOf = (p: Person) => `${p.first} ${p.last}`;
  const userAddress = (u: WorldUser, oddCase = false) => writer.wire(u.email, nameOf(u), oddCase);
  const contactAddress = (c: WorldContact, secondary = false) =>
    writer.wire(
      secondary ? (c.emails[1] ?? c.emails[0]!) : c.emails[0]!,
      random.chance(0.2) ? `${c.last}, ${c.first}` : nameOf(c),
    );

  const send = (draft: Draft): CorpusMail => {
    const domain = draft.idDomain ?? draft.from.address.split('@')[1]!.toLowerCase();
    const messageId = writer.messageId(domain);
    const parent = draft.inReplyTo;
    const chain = parent ? [...(references.get(parent.messageId) ?? []), parent.messageId] : [];
    references.set(messageId, chain);
    const threadKey = parent ? threadOf.get(parent.messageId)! : messageId;
    threadOf.set(messageId, threadKey);
    const headerLines = [
      ...(draft.returnPath !== undefined ? [`Return-Path: <${draft.returnPath}>`] : []),
      `From: ${formatAddress(draft.from)}`,
      `To: ${draft.to.map(formatAddress).join(', ')}`,
      ...(draft.cc?.length ? [`Cc: ${draft.cc.map(formatAddress).join(', ')}`] : []),
      ...(draft.replyTo?.length
        ? [`Reply-To: ${draft.replyTo.map(formatAddress).join(', ')}`]
        : []),
      `Subject: ${encodeWord(draft.subject)}`,
      `Date: ${formatDate(draft.date, random.pick([0, 60, 120, -300, 330]))}`,
      `Message-ID: ${messageId}`,
      ...(parent ? [`In-Reply-To: ${parent.messageId}`, `References: ${chain.join(' ')}`] : []),
      'MIME-Version: 1.0',
      ...(draft.headers ?? []),
      ...draft.body.headers,
    ];
    const mail: CorpusMail = {
      messageId,
      threadKey,
      date: draft.date,
      from: draft.from,
      replyTo: draft.replyTo ?? [],
      to: draft.to,
      cc: draft.cc ?? [],
      subject: draft.subject,
      noise: draft.noise,
      namedCase: draft.namedCase ?? null,
      namedDeal: draft.namedDeal ?? null,
      mailboxes: [...new Set(draft.mailboxes)],
      raw: `${[...headerLines, '', ...draft.body.lines].join('\n')}\n`,
    };
    mails.push(mail);
    return mail;
  };

  const contacts = world.contacts;
  const busy = contacts[0]!;
  const dealsOf = (c: WorldContact) =>
    world.deals.filter((d) => d.contactExternalIds.includes(c.externalId));
  const colleagueWithoutDeal = (c: WorldContact) =>
    contacts.find(
      (o) => o !== c && o.accountExternalId === c.accountExternalId && dealsOf(o).length === 0,
    );

  /** A conversation between a customer and a rep, with the usual side traffic. */
  const customerThread = (contact: WorldContact, owner: WorldUser, n: number) => {
    const named =
      dealsOf(contact).length > 1
        ? random.pick(dealsOf(contact).filter((d) => d.status === 'open'))
        : null;
    const topic = `${random.pick(topics)} ${named ? `(Deal #${named.externalId})` : `– ${contact.last} ${n}`}`;
    const colleague = random.chance(0.3) ? random.pick(reps.filter((r) => r !== owner)) : null;
    const extra = random.chance(0.2) ? colleagueWithoutDeal(contact) : undefined;
    const secondary = contact.emails.length > 1 && random.chance(0.3);
    const inbound = random.chance(0.6);
    const boxes = [owner.email, ...(colleague ? [colleague.email] : [])];
    const them = contactAddress(contact, secondary);
    const us = userAddress(owner, random.chance(0.2));
    const cc = [
      ...(colleague ? [userAddress(colleague)] : []),
      ...(extra ? [contactAddress(extra)] : []),
    ];
    let date = day(random.int(70));
    let previous = send({
      from: inbound ? them : us,
      to: [inbound ? us : them],
      cc,
      subject: topic,
      date,
      noise: 'human',
      mailboxes: boxes,
      body: random.chance(0.3)
        ? withAttachment(plainBody(random.pick(replies)), boundary(), 'proposal.pdf')
        : random.chance(0.5)
          ? alternativeBody(`Hi,\n${random.pick(replies)}\nBest regards`, boundary())
          : plainBody(`Hello,\n\n${random.pick(replies)}\n\nKind regards`),
      ...(named ? { namedDeal: named.externalId } : {}),
    });
    const length = 1 + random.int(4);
    for (let m = 1; m < length; m += 1) {
      date = later(date, 2 + random.int(30));
      const fromUs = (m % 2 === 1) === inbound;
      previous = send({
        from: fromUs ? us : them,
        to: [fromUs ? them : us],
        cc,
        subject: `${random.pick(['Re: ', 'RE: ', 'AW: ', 'Re: Re: '])}${topic}`,
        date,
        noise: 'human',
        mailboxes: boxes,
        inReplyTo: previous,
        body: plainBody(`${random.pick(replies)}\n\n> earlier message quoted`),
        ...(named ? { namedDeal: named.externalId } : {}),
      });
      if (fromUs && random.chance(0.25)) {
        send(autoReply(contact, previous, later(previous.date, 0), boxes));
      }
    }
    if (random.chance(0.2)) {
      send({
        from: us,
        to: [userAddress(manager)],
        subject: `FW: ${topic}`,
        date: later(date, 1),
        noise: 'human',
        mailboxes: [owner.email, manager.email],
        inReplyTo: previous,
        body: plainBody('FYI, see below. Can you approve the discount?'),
      });
    }
  };

  const autoReplyStyles: ((subject: string) => {
    subject: string;
    headers: string[];
    text: string;
    returnPath?: string;
  })[] = [
    (s) => ({
      subject: `Automatic reply: ${s}`,
      headers: [
        'Auto-Submitted: auto-generated',
        'X-MS-Exchange-Inbox-Rules-Loop: yes',
        'X-Auto-Response-Suppress: All',
      ],
      text: 'I am out of the office until Monday with limited access to email.',
    }),
    (s) => ({
      subject: `Automatische Antwort: ${s}`,
      headers: ['Auto-Submitted: auto-replied', 'X-Auto-Response-Suppress: All'],
      text: 'Ich bin bis 14. März nicht im Büro. In dringenden Fällen wenden Sie sich bitte an unser Team.',
    }),
    (s) => ({
      subject: `Réponse automatique : ${s}`,
      headers: ['Auto-Submitted: auto-replied'],
      text: 'Je suis actuellement absente et je reviens lundi.',
    }),
    (s) => ({
      subject: `Respuesta automática: ${s}`,
      headers: ['Auto-Submitted: auto-replied'],
      text: 'Estoy fuera de la oficina hasta el lunes.',
    }),
    (s) => ({
      subject: `Automatisch antwoord: ${s}`,
      headers: ['Auto-Submitted: auto-replied'],
      text: 'Ik ben momenteel afwezig.',
    }),
    () => ({
      subject: 'Out of Office',
      headers: ['Auto-Submitted: auto-replied', 'Precedence: bulk'],
      text: "Thanks for your email. I'm on annual leave until the 20th.",
    }),
    (s) => ({
      subject: `Autoreply: ${s}`,
      headers: ['X-Autorespond: 1'],
      text: 'Your message has been received.',
    }),
    () => ({
      subject: 'Fuori sede',
      headers: ['X-Auto-Response-Suppress: All'],
      text: 'Sono fuori ufficio fino a lunedì.',
      returnPath: '',
    }),
    () => ({
      subject: 'Ausente',
      headers: [],
      text: 'Estou fora do escritório até segunda-feira.',
      returnPath: '',
    }),
  ];

  function autoReply(
    contact: WorldContact,
    to: CorpusMail,
    date: Date,
    boxes: readonly string[],
  ): Draft {
    const style = random.pick(autoReplyStyles)(to.subject);
    return {
      from: contactAddress(contact),
      to: [to.from],
      subject: style.subject,
      date,
      noise: 'auto_reply',
      mailboxes: boxes,
      headers: style.headers,
      body: plainBody(style.text),
      inReplyTo: to,
      ...(style.returnPath !== undefined ? { returnPath: style.returnPath } : {}),
    };
  }

  // Customer conversations: every contact at least once, the busy ones more.
  let n = 0;
  for (const contact of contacts) {
    const threads = contact === busy ? 6 : 2 + random.int(3);
    for (let t = 0; t < threads; t += 1) customerThread(contact, random.pick(reps), (n += 1));
  }

  // A contact writing from a personal address one rep has blocked: the other rep captures it.
  const blockedContact = contacts.find((c) =>
    world.blocklist.some((b) => b.pattern === c.emails[1]),
  )!;
  for (let t = 0; t < 3; t += 1) {
    send({
      from: contactAddress(blockedContact, true),
      to: [userAddress(rep), userAddress(rep2)],
      subject: `Weekend question ${t + 1} from ${blockedContact.first}`,
      date: day(random.int(70)),
      noise: 'human',
      mailboxes: [rep.email, rep2.email],
      body: plainBody('Sent from my phone. Can we talk about the renewal on Monday?'),
    });
  }

  // Leads and new people on known accounts' domains (subsidiaries by subdomain too).
  for (const lead of world.leads) {
    const owner = random.pick(reps);
    const first = send({
      from: writer.wire(lead.emails[0]!, nameOf(lead)),
      to: [userAddress(owner)],
      subject: `Demo request from ${lead.company}`,
      date: day(random.int(70)),
      noise: 'human',
      mailboxes: [owner.email],
      body: plainBody('Hi, we would like to see a demo of your product next week.'),
    });
    send({
      from: userAddress(owner),
      to: [first.from],
      subject: `Re: Demo request from ${lead.company}`,
      date: later(first.date, 3),
      noise: 'human',
      mailboxes: [owner.email],
      inReplyTo: first,
      body: plainBody('Happy to! How about Tuesday at 10?'),
    });
  }
  for (const account of world.accounts) {
    for (let k = 0; k < 2; k += 1) {
      const stranger = { first: random.pick(['Sam', 'Alex', 'Kim', 'Robin']), last: `Newman${k}` };
      const owner = random.pick(reps);
      send({
        from: writer.wire(
          `${asciiName(stranger.first)}.newman${k}@${random.pick(account.domains)}`,
          nameOf(stranger),
        ),
        to: [userAddress(owner)],
        subject: `Introduction – ${account.name} procurement ${k}`,
        date: day(random.int(70)),
        noise: 'human',
        mailboxes: [owner.email],
        body: plainBody(
          'I took over purchasing from my colleague. Please send me the current quote.',
        ),
      });
    }
  }
  const parent = world.accounts[0]!;
  for (const prefix of ['it', 'finance.eu', 'mail']) {
    send({
      from: writer.wire(`helpdesk@${prefix}.${parent.domains[0]!}`, 'IT Helpdesk'),
      to: [userAddress(rep)],
      subject: `Access for the ${prefix} team`,
      date: day(random.int(70)),
      noise: 'human',
      mailboxes: [rep.email],
      body: plainBody('Please add our team to the portal.'),
    });
  }

  // Cases named in subjects, by the case's contact and by a stranger at a help desk.
  for (const record of world.cases) {
    const contact = contacts.find((c) => c.externalId === record.contactExternalId)!;
    const owner = random.pick(reps);
    const subject = random.pick([
      `[Case #${record.number}] ${record.subject}`,
      `Case ${record.number} – ${record.subject}`,
      `Case: ${record.number} ${record.subject}`,
    ]);
    const first = send({
      from: contactAddress(contact),
      to: [userAddress(owner)],
      subject,
      date: day(random.int(70)),
      noise: 'human',
      mailboxes: [owner.email],
      body: plainBody('The problem is back since this morning. Screenshot attached.'),
      namedCase: record.externalId,
    });
    send({
      from: userAddress(owner),
      to: [first.from],
      subject: `Re: ${first.subject}`,
      date: later(first.date, 5),
      noise: 'human',
      mailboxes: [owner.email],
      inReplyTo: first,
      body: plainBody('Our engineers are on it; we will update you today.'),
      namedCase: record.externalId,
    });
    send({
      from: writer.wire(
        `support-desk@${random.pick(world.strangerDomains.slice(1))}`,
        'Support Desk',
      ),
      to: [userAddress(owner)],
      subject: `Case ${Number(record.number)} escalated to tier 2`,
      date: later(first.date, 20),
      noise: 'human',
      mailboxes: [owner.email],
      body: plainBody('Escalation recorded.'),
      namedCase: record.externalId,
    });
  }

  // Meetings: invitations are captured, answers to them are not.
  for (let m = 0; m < 40; m += 1) {
    const contact = random.pick(contacts.filter((c) => c !== busy));
    const owner = random.pick(reps);
    const summary = `Demo and Q&A ${contact.last} ${m}`;
    const start = day(random.int(70));
    const event = {
      uid: `evt-${m}-${random.int(1e9)}@corpus`,
      summary,
      start: later(start, 72),
      organizer: owner.email,
      attendee: contact.emails[0]!,
    };
    const inviteFromUs = m % 3 !== 0;
    const invite = send({
      from: inviteFromUs ? userAddress(owner) : contactAddress(contact),
      to: [inviteFromUs ? contactAddress(contact) : userAddress(owner)],
      subject: summary,
      date: start,
      noise: 'meeting',
      mailboxes: [owner.email],
      headers: ['X-Auto-Response-Suppress: RN, NRN'],
      body: calendarBody('REQUEST', 'Agenda: usage review, renewal, roadmap.', event, boundary()),
    });
    const method = random.pick(['REPLY', 'REPLY', 'CANCEL'] as const);
    send({
      from: method === 'CANCEL' ? invite.from : contactAddress(contact),
      to: [method === 'CANCEL' ? invite.to[0]! : userAddress(owner)],
      subject: `${method === 'CANCEL' ? 'Canceled' : random.pick(['Accepted', 'Declined', 'Tentative'])}: ${summary}`,
      date: later(start, 4),
      noise: 'calendar_reply',
      mailboxes: [owner.email],
      body: calendarBody(method, 'Calendar update.', event, boundary()),
    });
  }
  for (let m = 0; m < 5; m += 1) {
    const owner = random.pick(reps);
    send({
      from: writer.wire(`events@${random.pick(world.strangerDomains.slice(1))}`, 'Webinar Team'),
      to: [userAddress(owner)],
      subject: `Invitation: Industry roundtable ${m}`,
      date: day(random.int(70)),
      noise: 'meeting',
      mailboxes: [owner.email],
      body: calendarBody(
        'REQUEST',
        'Join our roundtable.',
        {
          uid: `web-${m}@corpus`,
          summary: 'Roundtable',
          start: day(80),
          organizer: 'events@corpus',
          attendee: owner.email,
        },
        boundary(),
      ),
    });
  }

  // Newsletters through bulk senders, some from customers' own marketing.
  const espHeaders: (() => string[])[] = [
    () => [
      `X-Campaign: mailchimp${random.int(1e9)}`,
      `X-MC-User: ${random.int(1e9)}`,
      `Feedback-ID: ${random.int(1e6)}:us21:mc`,
    ],
    () => [`X-SG-EID: ${random.int(1e9)}`, `Feedback-ID: ${random.int(1e6)}:SG`],
    () => [
      `X-SES-Outgoing: 2025.03.${10 + random.int(18)}-54.240.1.1`,
      `Feedback-ID: 1.eu-west-1.${random.int(1e9)}:AmazonSES`,
    ],
    () => [`X-Mailgun-Sid: ${random.int(1e9)}`],
    () => ['Precedence: bulk'],
    () => [],
  ];
  for (let k = 0; k < 90; k += 1) {
    const owner = random.pick(world.users);
    const domain =
      k % 6 === 0
        ? random.pick(world.accounts).domains[0]!
        : random.pick(world.strangerDomains.slice(1));
    const list = `${random.pick(['news', 'updates', 'offers'])}.${domain}`;
    send({
      from: writer.wire(
        `${random.pick(['news', 'hello', 'marketing', 'team'])}@${domain}`,
        'Newsletter',
      ),
      to: [userAddress(owner)],
      subject: `${random.pick(['Spring collection', 'Your weekly digest', 'Webinar: scaling ops', 'New features in March', 'Last chance: 20% off'])} #${k}`,
      date: day(random.int(75)),
      noise: 'newsletter',
      mailboxes: [owner.email],
      headers: [
        `List-Unsubscribe: <https://${list}/unsubscribe?u=${random.int(1e9)}>, <mailto:unsubscribe@${list}>`,
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
        `List-Id: Newsletter <${list}>`,
        ...random.pick(espHeaders)(),
      ],
      body: alternativeBody(
        'This week: new features, customer stories and an exclusive offer.\nUnsubscribe here.',
        boundary(),
      ),
    });
  }

  // Notifications from systems nobody answers.
  for (let k = 0; k < 70; k += 1) {
    const owner = random.pick(world.users);
    const domain =
      k % 7 === 0
        ? random.pick(world.accounts).domains[0]!
        : random.pick(world.strangerDomains.slice(1));
    const style = k % 5;
    const from =
      style === 0
        ? `no-reply@${domain}`
        : style === 1
          ? `notifications@${domain}`
          : style === 2
            ? `DoNotReply@alerts.${domain}`
            : style === 3
              ? `jira-notifications@${domain}`
              : `billing@${domain}`;
    send({
      from: writer.wire(from, random.pick(['Billing', 'Tracker', 'Security Alerts', 'Jira'])),
      to: [userAddress(owner)],
      ...(style === 4 ? { replyTo: [writer.wire(`noreply@${domain}`, '')] } : {}),
      subject: `${random.pick(['Your invoice is ready', 'New sign-in to your account', '[PROJ-' + random.int(999) + '] Issue updated', 'Password reset requested', 'Build failed'])} (${k})`,
      date: day(random.int(75)),
      noise: 'noreply_notification',
      mailboxes: [owner.email],
      headers:
        style === 3
          ? [`List-Id: <proj.${domain}>`, 'Precedence: list', 'X-Auto-Response-Suppress: All']
          : [],
      body: plainBody('This is an automated message. Please do not reply.'),
    });
  }

  // Bounces: delivery-status reports and a Gmail-style report by header.
  for (let k = 0; k < 22; k += 1) {
    const owner = random.pick(reps);
    const contact = random.pick(contacts);
    const failed =
      k % 2 === 0
        ? contact.emails[0]!
        : `old.contact${k}@${random.pick(world.strangerDomains.slice(1))}`;
    const mta = `mx${1 + (k % 3)}.${world.internalDomains[0]!}`;
    const originalSubject = `Catching up ${k}`;
    const gmailStyle = k % 5 === 4;
    send({
      from: writer.wire(
        gmailStyle ? 'mailer-daemon@googlemail.com' : `MAILER-DAEMON@${mta}`,
        gmailStyle ? 'Mail Delivery Subsystem' : 'Mail Delivery System',
      ),
      to: [userAddress(owner)],
      subject: gmailStyle
        ? 'Delivery Status Notification (Failure)'
        : 'Undelivered Mail Returned to Sender',
      date: day(random.int(75)),
      noise: 'bounce',
      mailboxes: [owner.email],
      returnPath: '',
      headers: gmailStyle
        ? [`X-Failed-Recipients: ${failed}`, 'Auto-Submitted: auto-replied']
        : ['Auto-Submitted: auto-replied'],
      body: gmailStyle
        ? plainBody(
            `Your message wasn't delivered to ${failed} because the address couldn't be found.`,
          )
        : deliveryReportBody(
            failed,
            mta,
            {
              from: owner.email,
              subject: originalSubject,
              messageId: `<orig${k}@${world.internalDomains[0]!}>`,
            },
            boundary(),
          ),
      idDomain: mta,
    });
  }

  // Colleagues among themselves: aliases, the second internal domain, odd case, subdomains.
  for (let k = 0; k < 60; k += 1) {
    const [a, b] = [random.pick(world.users), random.pick(world.users)];
    const other = a === b ? manager : b;
    const style = k % 4;
    const from =
      style === 1 && a.aliases.length > 0
        ? writer.wire(a.aliases[a.aliases.length - 1]!, nameOf(a))
        : userAddress(a, style === 2);
    const cc = style === 3 ? [writer.wire(`ops@uk.${world.internalDomains[0]!}`, 'Ops UK')] : [];
    send({
      from,
      to: [userAddress(other)],
      cc,
      subject: `${random.pick(['Lunch?', 'Pipeline review', 'Forecast call', 'Holiday plan', 'Expense report'])} ${k}`,
      date: day(random.int(75)),
      noise: 'human',
      mailboxes: [a.email, other.email],
      body: plainBody('Quick one: can we sync tomorrow at 9?'),
    });
  }

  // Blocked senders: a recruiting agency (organisation-wide) and a friend on one rep's list.
  const recruiting = world.blocklist[0]!.pattern;
  for (let k = 0; k < 10; k += 1) {
    const owner = random.pick(world.users);
    send({
      from: writer.wire(
        `${k % 2 === 0 ? 'jobs' : 'talent'}@${k % 3 === 0 ? 'mail.' : ''}${recruiting}`,
        'Talent Partners',
      ),
      to: [userAddress(owner)],
      subject: `Exciting opportunity ${k}`,
      date: day(random.int(75)),
      noise: 'human',
      mailboxes: [owner.email],
      body: plainBody('Are you open to a new role?'),
    });
  }
  const promo = world.blocklist[1]!.pattern;
  const friend = world.blocklist[2]!.pattern;
  for (let k = 0; k < 8; k += 1) {
    send({
      from: k < 4 ? writer.wire(friend, 'Old Friend') : writer.wire(promo, 'Promo Team', true),
      to: [userAddress(k < 4 ? rep2 : rep)],
      subject: `${k < 4 ? 'Dinner on Saturday' : 'Special offer'} ${k}`,
      date: day(random.int(75)),
      noise: 'human',
      mailboxes: [k < 4 ? rep2.email : rep.email],
      body: plainBody('See you soon!'),
    });
  }
  const cced = contacts[5]!;
  send({
    from: contactAddress(cced),
    to: [userAddress(rep)],
    cc: [writer.wire(`headhunter@${recruiting}`, 'Headhunter')],
    subject: `Intro to our recruiter – ${cced.last}`,
    date: day(random.int(70)),
    noise: 'human',
    mailboxes: [rep.email],
    body: plainBody('Connecting you two as promised.'),
  });

  // Strangers: unknown companies, free mail, a case number the CRM does not know.
  for (let k = 0; k < 70; k += 1) {
    const owner = random.pick(world.users);
    const freeMail = k % 4 === 0;
    const person = {
      first: random.pick(['Chris', 'Pat', 'Jordan', 'Taylor', 'Morgan']),
      last: random.pick(['Walker', 'Stone', 'Reed', 'Hale']),
    };
    const address = freeMail
      ? `${asciiName(person.first)}${asciiName(person.last)}${k}@${random.pick(world.freeMailDomains)}`
      : `${asciiName(person.first)}.${asciiName(person.last)}@${random.pick(world.strangerDomains.slice(1))}`;
    const subject =
      k % 10 === 3
        ? `Case ${900_000 + k} follow-up`
        : k % 10 === 5
          ? `A great deal for your team ${k}`
          : k % 10 === 7
            ? `Re: out of office next week? ${k}`
            : `${random.pick(['Partnership opportunity', 'Quick question', 'Speaking slot', 'Hello from a fellow founder'])} ${k}`;
    send({
      from: writer.wire(address, nameOf(person)),
      to: [userAddress(owner)],
      subject,
      date: day(random.int(75)),
      noise: 'human',
      mailboxes: [owner.email],
      body: plainBody(
        k % 10 === 7
          ? "I'm out of the office next week, can we meet after?"
          : 'Would love to connect briefly.',
      ),
    });
  }
  // A person forwarding a bounce and one sounding like an out-of-office: still human.
  for (const [k, subject] of [
    'FW: Undeliverable: Proposal',
    'Out of office next week?',
  ].entries()) {
    const contact = contacts[3 + k]!;
    send({
      from: contactAddress(contact),
      to: [userAddress(rep3)],
      subject: `${subject} (${contact.last})`,
      date: day(random.int(70)),
      noise: 'human',
      mailboxes: [rep3.email],
      body: plainBody(
        "I'll be out of the office next week, so let's meet on the 20th. See the forwarded note.",
      ),
    });
  }
  return mails;
}
