import type { Cast } from './cast.js';
import {
  html,
  multipart,
  subjectHeader,
  text,
  type Composer,
  type NoiseSample,
} from './compose.js';

interface Language {
  readonly headline: readonly string[];
  readonly intro: string;
  readonly unsubscribe: string;
  readonly why: string;
  readonly browser: string;
}

const languages: readonly Language[] = [
  {
    headline: [
      'Spring product update',
      'Join our customer day',
      'What is new in April',
      'Webinar: automating your warehouse',
    ],
    intro: 'Discover the latest features, customer stories and upcoming events from our team.',
    unsubscribe: 'Unsubscribe',
    why: 'You are receiving this email because you are a customer of ours.',
    browser: 'View this email in your browser',
  },
  {
    headline: [
      'Neuigkeiten aus dem Frühjahr',
      'Einladung zum Kundentag',
      'Unser Newsletter im April',
    ],
    intro: 'Entdecken Sie unsere neuesten Funktionen, Kundenprojekte und Veranstaltungen.',
    unsubscribe: 'Newsletter abbestellen',
    why: 'Sie erhalten diese E-Mail, weil Sie sich für unseren Newsletter angemeldet haben.',
    browser: 'Im Browser ansehen',
  },
  {
    headline: [
      'Les nouveautés du printemps',
      'Invitation à notre journée clients',
      'Notre lettre d’information d’avril',
    ],
    intro: 'Découvrez nos dernières fonctionnalités, témoignages clients et événements.',
    unsubscribe: 'Se désinscrire',
    why: 'Vous recevez cet e-mail car vous êtes client de notre société.',
    browser: 'Afficher dans votre navigateur',
  },
  {
    headline: ['Novedades de primavera', 'Te invitamos a nuestro día de clientes'],
    intro: 'Descubre nuestras últimas funciones, casos de éxito y próximos eventos.',
    unsubscribe: 'Darse de baja',
    why: 'Recibes este correo porque eres cliente nuestro.',
    browser: 'Ver en el navegador',
  },
  {
    headline: ['Nieuws van het voorjaar', 'Uitnodiging klantendag'],
    intro: 'Ontdek onze nieuwste functies, klantverhalen en evenementen.',
    unsubscribe: 'Afmelden',
    why: 'U ontvangt deze e-mail omdat u klant bij ons bent.',
    browser: 'Bekijk deze e-mail in je browser',
  },
  {
    headline: ['Le novità di primavera', 'Invito al nostro evento clienti'],
    intro: 'Scopri le ultime funzionalità, le storie dei clienti e i prossimi eventi.',
    unsubscribe: 'Annulla l’iscrizione',
    why: 'Ricevi questa email perché sei nostro cliente.',
    browser: 'Visualizza nel browser',
  },
];

const roles = [
  'news',
  'newsletter',
  'webmaster',
  'info',
  'marketing',
  'events',
  'hello',
  'team',
  'communications',
  'redaktion',
];

/** Marketing a customer sends from its own domain through its own system: no List-* header. */
export function newsletterSamples(c: Composer, cast: Cast): NoiseSample[] {
  const samples: NoiseSample[] = [];
  for (let k = 0; k < 116; k += 1) {
    const domain = cast.customerDomain();
    const company = domain.split(/[.-]/)[0]!.replace(/^./, (s) => s.toUpperCase());
    const lang = c.random.pick(languages);
    const headline = c.random.pick(lang.headline);
    const recipient = cast.us();
    const personSender = k % 7 === 3;
    const sender = personSender
      ? cast.person(domain)
      : {
          name: `${company} ${c.random.pick(['News', 'Team', 'Marketing', ''])}`.trim(),
          address: `${c.random.pick(roles)}@${domain}`,
        };
    const system = k % 6;
    const track = (path: string) =>
      system === 0
        ? `https://${c.hex(6)}.hubspotlinks.com/Ctc/${c.hex(8)}/${path}`
        : system === 1
          ? `https://click.${domain}/?qs=${c.hex(24)}&${path}`
          : system === 2
            ? `https://go.pardot.com/e/${c.random.int(99_999)}/${path}`
            : system === 3
              ? `https://www.${domain}/${path}?utm_source=newsletter&utm_medium=email&utm_campaign=${c.hex(4)}`
              : system === 4
                ? `https://t.${domain}/r/${c.hex(10)}`
                : `https://www.${domain}/${path}`;
    const headers =
      system === 0
        ? [`X-HS-Cid: ${c.hex(12)}`, 'X-Report-Abuse-To: abuse@hubspot.example']
        : system === 1
          ? [
              `X-SFMC-Stack: ${1 + c.random.int(50)}`,
              `X-Job: ${c.random.int(99_999)}_${c.random.int(99_999)}`,
            ]
          : system === 2
            ? ['X-Mailer: Salesforce Pardot']
            : system === 3
              ? [
                  c.random.pick([
                    'X-Mailer: phpList v3.6.15',
                    'X-Mailer: TYPO3 direct_mail',
                    'X-Mailer: MailPoet',
                    'X-Mailer: Mautic 5.1',
                  ]),
                ]
              : system === 4
                ? [`X-Mailer: ${c.random.pick(['CleverReach', 'rapidmail', 'Newsletter2Go'])}`]
                : [];
    const oneToMany = system === 5 || c.random.chance(0.2);
    const stories = Array.from({ length: 3 + c.random.int(3) }, (_, n) => ({
      title: `${c.random.pick(['Customer story', 'Product tip', 'Event', 'Interview', 'Release notes'])} ${n + 1}`,
      link: track(`story-${n + 1}`),
    }));
    const footer = `${lang.why}\n${lang.unsubscribe}: ${track('unsubscribe')}\n${company} GmbH · Hauptstraße ${1 + c.random.int(99)} · 80331 München`;
    const plain = `${lang.browser}: ${track('web')}\n\n${headline}\n\n${lang.intro}\n\n${stories.map((s) => `${s.title}: ${s.link}`).join('\n')}\n\n${footer}`;
    const layout = `<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width"><style>.preheader{display:none}</style></head><body style="margin:0;padding:0;background:#f4f4f4">
<span class="preheader">${lang.intro}</span>
<!--[if mso]><table width="600"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="600" style="max-width:600px"><tr><td><a href="${track('web')}">${lang.browser}</a></td></tr>
<tr><td><img src="https://www.${domain}/img/header.png" width="600" alt="${company}"></td></tr>
<tr><td><h1>${headline}</h1><p>${lang.intro}</p></td></tr>
${stories.map((s) => `<tr><td><table role="presentation"><tr><td><img src="https://www.${domain}/img/${s.title.length}.jpg" width="180"></td><td><h3>${s.title}</h3><a href="${s.link}">Read more</a></td></tr></table></td></tr>`).join('\n')}
<tr><td style="font-size:11px;color:#888">${lang.why}<br><a href="${track('unsubscribe')}">${lang.unsubscribe}</a></td></tr>
</table></td></tr></table><!--[if mso]></td></tr></table><![endif]-->
${system <= 2 ? `<img src="${track('open')}" width="1" height="1" alt="">` : ''}
</body></html>`;
    const style = k % 5;
    const entity =
      style === 4
        ? text(plain)
        : style === 3
          ? html(layout)
          : multipart('alternative', c.boundary(), [text(plain), html(layout)]);
    samples.push({
      kind: `newsletter/customer-domain${system === 5 ? '-own-server' : ''}`,
      category: 'newsletter',
      raw: c.message(
        [
          `From: ${sender.name} <${sender.address}>`,
          oneToMany
            ? c.random.pick([
                'To: undisclosed-recipients:;',
                `To: ${sender.name} <${sender.address}>`,
              ])
            : `To: ${recipient.name} <${recipient.address}>`,
          subjectHeader(headline),
          `Date: ${c.date()}`,
          `Message-ID: ${c.messageId(domain)}`,
          ...headers,
        ],
        entity,
      ),
    });
  }
  return samples;
}
