import { localPartOf } from '../addresses/normalize.js';
import type { ParsedMessage } from '../message.js';
import { ownHtml, ownText, ownTextEnds } from './body.js';
import { headerReason } from './reasons.js';

export interface MarketingSignal {
  readonly reasons: readonly string[];
  /** Built like a campaign (newsletter layout and tracked links), not merely footed like one. */
  readonly designed: boolean;
}

// Sending services and marketing suites stamp these on what they send, and
// transactional mail (receipts, a salesperson's tracked mail) too: one signal
// among others, never enough alone.
const sendingServiceHeaders: ReadonlyArray<readonly [string, string]> = [
  ['feedback-id', 'Feedback-ID'],
  ['x-sg-eid', 'X-SG-EID'],
  ['x-mailgun-', 'X-Mailgun'],
  ['x-ses-outgoing', 'X-SES-Outgoing'],
  ['x-mandrill-user', 'X-Mandrill-User'],
  ['x-msfbl', 'X-MSFBL'],
  ['x-mailjet-', 'X-Mailjet'],
  ['x-sfmc-', 'X-SFMC'],
  ['x-job', 'X-Job'],
  ['x-hs-', 'X-HS'],
  ['x-report-abuse', 'X-Report-Abuse'],
  ['x-virtual-mta', 'X-Virtual-MTA'],
  ['x-rpcampaign', 'X-rpcampaign'],
  ['x-cr-', 'X-CR'],
  ['x-emarsys-', 'X-Emarsys'],
  ['x-klaviyo-', 'X-Klaviyo'],
  ['x-sib-', 'X-SIB'],
  ['x-pardot-', 'X-Pardot'],
  ['x-eloqua-', 'X-Eloqua'],
  ['x-acoustic-', 'X-Acoustic'],
];

const marketingMailers =
  /mailchimp|sendinblue|brevo|hubspot|marketo|pardot|eloqua|salesforce marketing|exacttarget|klaviyo|mailjet|cleverreach|newsletter2go|rapidmail|mailpoet|phplist|acumbamail|getresponse|constant ?contact|campaign ?monitor|activecampaign|emarsys|acoustic|silverpop|dotdigital|sendy|mautic|listmonk|newsletter|mass ?mail|bulk ?mail/i;

// The address people write from on behalf of a department, not a person.
const roleWords = new Set([
  'news',
  'newsletter',
  'newsletters',
  'marketing',
  'info',
  'webmaster',
  'hello',
  'events',
  'event',
  'updates',
  'update',
  'team',
  'communications',
  'comms',
  'press',
  'offers',
  'promo',
  'promotions',
  'mailing',
  'mailings',
  'community',
  'digest',
  'insights',
  'redaktion',
  'aktuell',
  'nieuws',
  'noticias',
  'notizie',
  'nouvelles',
  'actualites',
  'webinar',
  'webinars',
  'magazine',
  'kommunikation',
  'veranstaltungen',
  'kontakt',
  'contact',
]);

const unsubscribeWording =
  /unsubscribe|opt[- ]out|abmelden|abbestellen|austragen|désinscri|désabonn|desabonn|darse de baja|dar(?:te|se)? de baja|cancelar (?:la |a )?(?:suscripción|subscrição|inscrição)|anular (?:la )?suscripción|disiscriv|cancella(?:re)? l'iscrizione|annulla(?:re)? l'iscrizione|afmelden|uitschrijven|descadastr|отписаться|отказаться от рассылки|配信停止|購読解除|退订|取消订阅|wypisz|avregistrera|odhlásit/i;

const footerWording =
  /you(?:'re| are)? receiv(?:ing|ed) this (?:e-?mail|message|newsletter)|(?:manage|update|change) (?:your )?(?:e-?mail |subscription |notification )?(?:preferences|settings|subscription)|view (?:this (?:e-?mail|message) )?(?:in|on) (?:your|a|the) (?:web )?browser|view (?:it )?online|web version|sie erhalten diese (?:e-?mail|nachricht|newsletter)|(?:im|in ihrem) browser (?:ansehen|anzeigen|öffnen)|online-version|vous recevez ce(?:t|tte)? (?:e-?mail|email|message|newsletter|lettre)|version (?:en ligne|web)|afficher dans (?:votre|le) navigateur|recibes este (?:correo|e-?mail|boletín)|ver (?:en (?:el|tu) )?navegador|versión web|ricevi questa (?:e-?mail|email|newsletter)|visualizza (?:nel|sul|la versione)|u ontvangt deze (?:e-?mail|nieuwsbrief)|bekijk (?:deze e-?mail )?(?:in (?:je|uw) browser|online)|você (?:está recebendo|recebeu) este|visualizar no navegador|privacy policy.{0,80}(?:unsubscribe|preferences)/i;

const trackingLink =
  /https?:\/\/(?:(?:click|clicks|links?|email|e|t|trk|track|tracking|go|r|em|mkt|info|news|mail|lnk|url\d*)\.[^"'\s/]+|[^"'\s/]*(?:list-manage\.com|mailchi\.mp|sendgrid\.net|mailgun\.org|hubspotlinks\.com|hs-sites\.com|mktoweb\.com|mkt\d+\.com|pardot\.com|exct\.net|rs6\.net|createsend\d*\.com|cmail\d+\.com|klclick\d*\.com|mjt\.lu|sendibt\d*\.com|sendibm\d*\.com|cleverreach\.com|rapidmail\.de|mailpoet|emltrk\.com)|[^"'\s]*(?:utm_medium=e-?mail|utm_source=newsletter|mc_eid=|_hsenc=|\/ls\/click|\/e3t\/|\/trk\/|\/track\/click|\/wf\/click))[^"'\s<>]*/gi;

/**
 * Marketing mail told apart by how it is built rather than by list headers,
 * which a customer's own marketing system may not send: an unsubscribe link
 * or footer, the "you are receiving this because" wording, a sending
 * service's or marketing suite's headers, tracked links, a role sender
 * (`news@`, `webmaster@`), one-to-many addressing and a newsletter layout.
 * A footer needs one more of these; without one, three of the others are
 * needed. Replies and anything quoted or forwarded are a person's mail: only
 * the sender's own part of a message that answers nothing is weighed.
 *
 * `inList`: the message came through a discussion list, whose servers add
 * unsubscribe footers to every post; only how the message is built counts.
 */
export function detectMarketing(
  message: ParsedMessage,
  options: { readonly inList: boolean },
): MarketingSignal | null {
  if (message.inReplyTo.length > 0) return null;
  const text = ownTextEnds(message);
  const html = ownHtml(message);
  const names = Object.keys(message.headers);

  const services = sendingServiceHeaders
    .filter(([prefix]) => names.some((name) => name.startsWith(prefix)))
    .map(([, display]) => headerReason(display));
  const mailer = message.headers['x-mailer']?.[0] ?? message.headers['user-agent']?.[0];
  if (mailer && marketingMailers.test(mailer)) services.push(headerReason('X-Mailer', mailer));

  const linked = html || ownText(message);
  const links = new Set(linked.includes('http') ? (linked.match(trackingLink) ?? []) : []);
  const pixel =
    html !== '' &&
    /<img[^>]+(?:width="?1(?:px)?"?[^>]+height="?1(?:px)?"?|height="?1(?:px)?"?[^>]+width="?1(?:px)?"?)/i.test(
      html,
    );
  const tracked = links.size >= 3 || (links.size >= 1 && pixel);
  const layout =
    html !== '' &&
    (html.match(/<table/gi)?.length ?? 0) >= 3 &&
    /width="?600|max-width:\s*6[0-9]0px|role="?presentation|preheader|<!--\[if mso/i.test(html);
  const designed = tracked && layout;

  if (options.inList) {
    const built = [
      ...services,
      ...(tracked ? ['tracked links'] : []),
      ...(layout ? ['newsletter layout'] : []),
    ];
    return built.length >= 2 ? { reasons: built, designed } : null;
  }

  const footer = [
    ...(unsubscribeWording.test(text) ||
    /unsubscribe|abmelden|désinscri|baja|afmelden/i.test(hrefs(html))
      ? ['unsubscribe link']
      : []),
    ...(footerWording.test(text) ? ['newsletter footer'] : []),
  ];
  const sender = message.from[0]?.address;
  const role =
    sender &&
    localPartOf(sender)
      .split(/[._+-]/)
      .some((word) => roleWords.has(word));
  const recipients = [...message.to, ...message.cc].map((a) => a.address);
  const oneToMany =
    recipients.length === 0 || (sender !== undefined && recipients.every((a) => a === sender));
  const others = [
    ...services,
    ...(tracked ? ['tracked links'] : []),
    ...(role ? [`role sender ${sender}`] : []),
    ...(oneToMany ? ['undisclosed recipients'] : []),
    ...(layout ? ['newsletter layout'] : []),
  ];
  const enough = footer.length > 0 ? others.length >= 1 || footer.length >= 2 : others.length >= 3;
  return enough ? { reasons: [...footer, ...others], designed } : null;
}

function hrefs(html: string): string {
  return [...html.matchAll(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]{0,200}?)<\/a>/gi)]
    .map((m) => `${m[1] ?? ''} ${m[2] ?? ''}`)
    .join('\n');
}
