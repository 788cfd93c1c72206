import type { Cast, Person } from './cast.js';
import {
  html,
  multipart,
  part,
  quoted,
  subjectHeader,
  text,
  type Composer,
  type NoiseSample,
} from './compose.js';

/** Mail people write that looks like noise: talk of bounces, forwarded newsletters, group aliases. */
export function lookalikeSamples(c: Composer, cast: Cast): NoiseSample[] {
  const samples: NoiseSample[] = [];
  const human = (kind: string, raw: string) => samples.push({ kind, category: 'human', raw });
  const head = (
    from: Person,
    to: readonly Person[],
    subject: string,
    extra: readonly string[] = [],
  ) => [
    `Return-Path: <${from.address}>`,
    `From: ${from.name} <${from.address}>`,
    `To: ${to.map((p) => `${p.name} <${p.address}>`).join(', ')}`,
    subjectHeader(subject),
    `Date: ${c.date()}`,
    `Message-ID: ${c.messageId(from.address.split('@')[1]!)}`,
    ...extra,
  ];
  const reply = () => [
    `In-Reply-To: ${c.messageId(cast.ourDomain)}`,
    `References: ${c.messageId(cast.ourDomain)}`,
  ];

  // People writing about a bounce, quoting or forwarding it.
  const bounceTalk = [
    (gone: string) =>
      `Hi,\n\nI got your bounce: my mail to ${gone} came back with "550 5.1.1 User unknown". Has she left? Who should I send the contract to instead?\n\nThanks`,
    (gone: string) =>
      `Your email bounced back to me — the system said the message could not be delivered to ${gone}. Could you resend it to my new address?`,
    (gone: string) =>
      `Hallo,\n\nmeine Nachricht an ${gone} ist als unzustellbar zurückgekommen. Ist die Adresse noch aktuell?\n\nViele Grüße`,
    (gone: string) =>
      `Bonjour,\n\nmon message à ${gone} n'a pas pu être remis (boîte pleine). Pouvez-vous vérifier ?`,
    () =>
      `We changed our mail server yesterday, so if you get a "Mail delivery failed" message from us, please let me know. It should be fixed now.`,
  ];
  for (let k = 0; k < 30; k += 1) {
    const domain = cast.customerDomain();
    const from = cast.person(domain);
    const gone = cast.person(domain).address;
    const style = k % 3;
    const subject =
      style === 0
        ? c.random.pick([
            `Re: ${cast.topic()}`,
            'Your email bounced',
            'Undeliverable?',
            'Bounce from our server',
          ])
        : style === 1
          ? `FW: Undeliverable: ${cast.topic()}`
          : `Fwd: Mail delivery failed: returning message to sender`;
    const own = c.random.pick(bounceTalk)(gone);
    const forwarded = `\n\n---------- Forwarded message ---------\nFrom: Mail Delivery System <MAILER-DAEMON@mx.${domain}>\nDate: ${c.date()}\nSubject: Mail delivery failed: returning message to sender\nTo: ${from.address}\n\nThis message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  ${gone}\n    550 5.1.1 User unknown`;
    human(
      'human/bounce-talk',
      c.message(
        head(from, [cast.us()], subject, style === 0 && c.random.chance(0.5) ? reply() : []),
        style === 2 && c.random.chance(0.5)
          ? multipart('mixed', c.boundary(), [
              text(own),
              part(
                'message/rfc822',
                `From: Mail Delivery System <MAILER-DAEMON@mx.${domain}>\nTo: ${from.address}\nSubject: Mail delivery failed: returning message to sender\nX-Failed-Recipients: ${gone}\n\nA message that you sent could not be delivered.`,
                ['Content-Disposition: attachment; filename="bounce.eml"'],
              ),
            ])
          : text(style === 0 ? own : own + forwarded),
      ),
    );
  }

  // A customer forwarding a newsletter.
  for (let k = 0; k < 24; k += 1) {
    const from = cast.person(cast.customerDomain());
    const brand = cast.customerDomain();
    const own = c.random.pick([
      'Thought this might interest you, see the webinar below. Shall we attend together?',
      'Is this the feature you mentioned last week? Looks like exactly what we need.',
      'Kannst du dir das mal ansehen? Das Angebot unten klingt interessant.',
      'FYI – their pricing changed, see below.',
    ]);
    const newsletter = `View this email in your browser\n\nSpring product update\n\nDiscover the latest features and events.\n\nYou are receiving this email because you subscribed.\nUnsubscribe: https://click.${brand}/u?qs=${c.hex(20)}\nManage preferences`;
    const marker = c.random.pick([
      `---------- Forwarded message ---------\nFrom: News <news@${brand}>\nDate: ${c.date()}\nSubject: Spring product update`,
      `-----Original Message-----\nFrom: News <news@${brand}>\nSent: ${c.date()}\nSubject: Spring product update`,
      `Begin forwarded message:\n\nFrom: News <news@${brand}>\nSubject: Spring product update`,
    ]);
    const plain = `${own}\n\n${from.name.split(' ')[0]!}\n\n${marker}\n\n${newsletter}`;
    human(
      'human/forwarded-newsletter',
      c.message(
        head(
          from,
          [cast.us()],
          c.random.pick([
            'Fwd: Spring product update',
            'FW: Spring product update',
            'WG: Spring product update',
          ]),
        ),
        multipart('alternative', c.boundary(), [
          text(plain),
          html(
            `<div dir="ltr"><p>${own}</p></div><div class="gmail_quote"><div>${marker.replace(/\n/g, '<br>')}</div><table role="presentation" width="600"><tr><td><table><tr><td><a href="https://click.${brand}/a">Story</a></td></tr></table></td></tr><tr><td><table><tr><td><a href="https://click.${brand}/b">Event</a> <a href="https://click.${brand}/c">Offer</a></td></tr></table></td></tr><tr><td><a href="https://click.${brand}/u">Unsubscribe</a></td></tr></table></div>`,
          ),
        ]),
      ),
    );
  }

  // A person writing to a group alias or a team address, without list headers.
  for (let k = 0; k < 24; k += 1) {
    const domain = cast.customerDomain();
    const from = cast.person(domain);
    const alias = {
      name: c.random.pick(['Sales Team', 'Vertrieb', 'Support', 'Team']),
      address: `${c.random.pick(['sales', 'team', 'support', 'vertrieb', 'info'])}@${cast.ourDomain}`,
    };
    const words = c.random.pick([
      'Hello team, could one of you send me the updated price list for 2025? We need it for budgeting.',
      'Hi all, our purchase order for the additional 40 seats is attached. Please confirm receipt.',
      'Guten Tag, bitte senden Sie uns ein Angebot für die Wartungsverlängerung.',
      'Bonjour, pouvez-vous nous rappeler au sujet du renouvellement ?',
    ]);
    human(
      'human/group-alias',
      c.message(
        head(from, [alias], cast.topic(), [`Cc: ${cast.person(domain).address}`]),
        text(`${words}\n\nBest regards\n${from.name}\n${domain}`),
      ),
    );
  }

  // People at role addresses, off-list replies, unsubscribe requests, tracked sales mail.
  for (let k = 0; k < 40; k += 1) {
    const domain = cast.customerDomain();
    const style = k % 5;
    if (style === 0) {
      const from = {
        name: 'Info',
        address: `${c.random.pick(['info', 'webmaster', 'hello', 'contact'])}@${domain}`,
      };
      human(
        'human/role-address',
        c.message(
          head(
            from,
            [cast.us()],
            c.random.pick([
              'Question about your offer',
              'Broken link on your website',
              'Anfrage Schulung',
            ]),
          ),
          text(
            `Good morning,\n\nwe are interested in your training sessions in June. Could you tell us the price for six people?\n\nKind regards\n${domain}`,
          ),
        ),
      );
    } else if (style === 1) {
      const from = cast.person(domain);
      human(
        'human/off-list-reply',
        c.message(
          head(from, [cast.us()], 'Re: [users] Question about SSO setup', reply()),
          text(
            `Replying off-list: we had the same issue, happy to share our config.\n\nOn ${c.date()}, you wrote:\n${quoted('Has anyone configured SSO with Azure AD?\n_______________________________________________\nusers mailing list -- users@lists.example\nTo unsubscribe send an email to users-leave@lists.example')}`,
          ),
        ),
      );
    } else if (style === 2) {
      const from = cast.person(domain);
      human(
        'human/unsubscribe-request',
        c.message(
          head(from, [cast.us()], c.random.pick(['Please remove me', 'Unsubscribe', 'Newsletter'])),
          text(
            c.random.pick([
              'Hi, please unsubscribe me from your newsletter, but keep me on the renewal thread. Thanks!',
              'Bitte melden Sie mich vom Newsletter ab. Für Rückfragen zum Vertrag bin ich weiterhin erreichbar.',
              'Could you take my colleague off your mailing list? She left the company.',
            ]),
          ),
        ),
      );
    } else if (style === 3) {
      const from = cast.us();
      const to = cast.person(domain);
      human(
        'human/tracked-sales-mail',
        c.message(
          head(from, [to], `${cast.topic()} – next steps`, [`X-HS-Cid: ${c.hex(12)}`]),
          multipart('alternative', c.boundary(), [
            text(
              `Hi ${to.name.split(' ')[0]!},\n\ngreat speaking today. Here is the proposal: https://${c.hex(5)}.hubspotlinks.com/Ctc/${c.hex(8)}\n\nBest\n${from.name}`,
            ),
            html(
              `<div>Hi ${to.name.split(' ')[0]!},<br><br>great speaking today. Here is the <a href="https://${c.hex(5)}.hubspotlinks.com/Ctc/${c.hex(8)}">proposal</a>.<br><br>Best<br>${from.name}</div><img src="https://track.hubspot.example/open/${c.hex(10)}" width="1" height="1">`,
            ),
          ]),
        ),
      );
    } else {
      const from = cast.person(domain);
      human(
        'human/report-talk',
        c.message(
          head(
            from,
            [cast.us()],
            c.random.pick([
              'DMARC report shows failures for your domain',
              'Read receipt?',
              'Accepted: the revised proposal',
            ]),
          ),
          text(
            'Hi, our DMARC aggregate report from Google shows SPF failures for mail you send us. Could your IT check the SPF record? Also, I accepted the revised proposal; the signed copy follows.',
          ),
        ),
      );
    }
  }
  return samples;
}
