import type { ParsedMessage } from '../message.js';
import { header, headerReason, openingLines, subjectReason } from './reasons.js';

export interface AutoReplySignal {
  /**
   * `replied`: an automatic answer to another message (vacation notice, read
   * receipt). `generated`: RFC 3834 `auto-generated`/`auto-notified`, a machine
   * wrote it but it answers nothing, so a more specific family may explain it.
   */
  readonly kind: 'replied' | 'generated';
  readonly reasons: readonly string[];
}

// Subject prefixes that responders write themselves (Exchange, Outlook, Lotus,
// cPanel, Zimbra), in every language Microsoft 365 writes "Automatic reply" in;
// humans do not start a subject so.
const responderSubject =
  /^(?:automatic reply|auto[- ]?reply|auto[- ]?response|out of office auto-?reply|automatische antwort|abwesenheitsnotiz|réponse automatique|respuesta automática|risposta automatica|automatisch antwoord|resposta automática|resposta automatica|автоматический ответ|自動応答|自動返信|automatyczna odpowiedź|automatiskt svar|automatisk svar|automaattinen vastaus|otomatik yanıt|自动回复|自動回覆|자동 회신|자동 응답|automatická odpověď|automatikus válasz|αυτόματη απάντηση)\s*[:：]/iu;

// Read receipts that clients write as plain mail instead of an MDN (Lotus
// Notes, older Outlook and Exchange): a receipt subject and the receipt's
// sentence together.
const receiptSubject =
  /^(?:read|not read|gelesen|ungelesen|lu|non lu|leído|no leído|letto|non letto|gelezen|niet gelezen|lido|não lido|return receipt(?: \(displayed\))?|read receipt|lesebestätigung|accusé de lecture|confirmación de lectura)\s*(?:[:-]|$)/i;
const receiptWording =
  /(?:was|has been) read on|was (?:received|displayed) (?:by|on)|wurde am [\s\S]{1,160}? gelesen|a été lu le|fue leído el|è stato letto|werd gelezen op|foi lido em/i;

// Words a person also uses ("Re: Out of office next week?"): evidence only in company.
const absenceSubject =
  /(?<!\p{L})(?:out of (?:the )?office|away from the office|on leave|abwesenheit|abwesend|nicht im büro|urlaub|absence|absente?|congés?|vacances|fuera de la oficina|ausente|vacaciones|fuori (?:sede|ufficio)|assente|in ferie|afwezig(?:heid)?|vakantie|ausência|fora do escritório|férias)(?!\p{L})/iu;

const absenceOpening = [
  /(?<!\p{L})(?:i am|i'm|i will be|i'll be)(?: currently| now)? (?:out of (?:the )?office|away from (?:the|my) (?:office|desk)|on (?:annual |parental |maternity |paternity )?(?:leave|vacation|holiday))/iu,
  /(?<!\p{L})ich bin (?:derzeit |zurzeit |momentan |aktuell )?(?:bis .{1,40}?)?\s*(?:nicht im büro|abwesend|im urlaub|außer haus|nicht erreichbar)/iu,
  /(?<!\p{L})je suis (?:actuellement )?(?:absente?|en congés?|en vacances|hors du bureau|en déplacement)/iu,
  /(?<!\p{L})(?:estoy|me encuentro) (?:actualmente )?(?:fuera de la oficina|de vacaciones|ausente)/iu,
  /(?<!\p{L})(?:sono|sarò) (?:attualmente )?(?:fuori (?:sede|ufficio)|assente|in ferie)/iu,
  /(?<!\p{L})ik ben (?:momenteel |op dit moment )?(?:afwezig|niet op kantoor|met vakantie|op vakantie)/iu,
  /(?<!\p{L})(?:estou|encontro-me) (?:atualmente |actualmente )?(?:fora do escritório|ausente|de férias)/iu,
];

// Headers that accompany automatic replies but also ordinary mail: Outlook puts
// X-Auto-Response-Suppress on meeting requests and replies, list servers add it
// to every post, and Exchange stamps the rule headers on anything an inbox rule
// sends (forwards included). Alone they prove nothing.
const supportingHeaders: ReadonlyArray<readonly [string, string]> = [
  ['x-auto-response-suppress', 'X-Auto-Response-Suppress'],
  ['x-ms-exchange-generated-message-source', 'X-MS-Exchange-Generated-Message-Source'],
  ['x-ms-exchange-inbox-rules-loop', 'X-MS-Exchange-Inbox-Rules-Loop'],
];

/**
 * Automatic replies: vacation and out-of-office notices, responders, read receipts.
 *
 * Decisive on their own: RFC 3834 `Auto-Submitted` (anything but `no`),
 * `X-Autoreply`, `X-Autorespond`, `Precedence: auto_reply`, a responder's
 * subject prefix (`Automatic reply:`, `Automatische Antwort:` …) and a
 * read receipt (multipart/report disposition-notification, or a receipt
 * subject with the receipt's "was read on" sentence). An absence
 * subject or opening line ("I am out of the office") counts only together with
 * a supporting header or a null return path, so a person writing that they
 * will be away stays human.
 */
export function detectAutoReply(message: ParsedMessage): AutoReplySignal | null {
  const reasons: string[] = [];
  let replied = false;
  let generated = false;

  const autoSubmitted = header(message, 'auto-submitted');
  const autoSubmittedToken = autoSubmitted?.split(';')[0]?.trim().toLowerCase();
  if (autoSubmittedToken && autoSubmittedToken !== 'no') {
    reasons.push(headerReason('Auto-Submitted', autoSubmitted));
    if (autoSubmittedToken === 'auto-replied') replied = true;
    else generated = true;
  }
  const autoreply = header(message, 'x-autoreply');
  if (autoreply !== undefined && !/^(?:no|false|0)$/i.test(autoreply)) {
    reasons.push(headerReason('X-Autoreply', autoreply));
    replied = true;
  }
  if (header(message, 'x-autorespond') !== undefined) {
    reasons.push(headerReason('X-Autorespond'));
    replied = true;
  }
  const precedence = header(message, 'precedence');
  if (precedence && /^auto[_-]?reply$/i.test(precedence)) {
    reasons.push(headerReason('Precedence', precedence));
    replied = true;
  }
  if (message.deliveryReport?.reportType === 'disposition-notification') {
    reasons.push('multipart/report disposition-notification');
    replied = true;
  }
  if (
    receiptSubject.test(message.subject.trim()) &&
    receiptWording.test(openingLines(message, 8))
  ) {
    reasons.push(subjectReason(message.subject), 'read receipt wording');
    replied = true;
  }
  if (responderSubject.test(message.subject.trim())) {
    reasons.push(subjectReason(message.subject));
    replied = true;
  }

  const support = supportingHeaders
    .filter(([name]) => header(message, name) !== undefined)
    .map(([name, display]) => headerReason(display, header(message, name)));
  if (message.returnPath === '') support.push('null return path');
  // Absence wording counts only beside a supporting header or a null return path;
  // most mail has neither, so its subject and opening lines are not searched.
  const absence: string[] = [];
  if (support.length > 0) {
    if (!replied && absenceSubject.test(message.subject))
      absence.push(subjectReason(message.subject));
    const opening = openingLines(message);
    if (absenceOpening.some((pattern) => pattern.test(opening)))
      absence.push('out-of-office opening line');
  }
  if (absence.length > 0) {
    reasons.push(...absence, ...support);
    replied = true;
  }

  if (replied) return { kind: 'replied', reasons };
  return generated ? { kind: 'generated', reasons } : null;
}
