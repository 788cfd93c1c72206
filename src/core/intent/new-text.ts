import { anyPhrase, phrase } from './lexicon-parts.js';

/** What `extractNewText` took out of a body, in the order found. */
export type RemovedPart = 'quoted_history' | 'signature' | 'disclaimer' | 'device_footer';

export interface NewText {
  /** The words the sender wrote in this message, trimmed. */
  readonly text: string;
  readonly removed: readonly RemovedPart[];
}

/**
 * The attribution line a mail client writes above quoted history, in the
 * seven languages we read. A client may wrap it over two lines, so it is
 * matched against a line joined with the next one.
 */
const attribution: readonly RegExp[] = [
  /^on\b.{0,200}\bwrote:$/,
  /^am\b.{0,200}\bschrieb\b.{0,200}:$/,
  /^le\b.{0,200}\ba [ée]crit ?:$/,
  /^el\b.{0,200}\bescribi[óo] ?:$/,
  /^il\b.{0,200}\bha scritto ?:$/,
  /^op\b.{0,200}\bschreef\b.{0,200}:$/,
  /^(em|no dia)\b.{0,200}\bescreveu ?:$/,
];

/** A separator line a client puts above a quoted or forwarded message. */
const separator =
  /^-{2,}\s*(original message|urspr[üu]ngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|mensagem original|forwarded message|weitergeleitete nachricht|message transf[ée]r[ée]|mensaje reenviado|messaggio inoltrato|doorgestuurd bericht|mensagem encaminhada)\s*-{2,}$/;

/** The first header of a quoted header block (Outlook writes one instead of an attribution). */
const fromHeader = /^\*?(from|von|de|da|van|envoy[ée] par)\*?\s*:/;
/** The headers that follow it within a few lines. */
const otherHeader =
  /^\*?(sent|date|to|cc|subject|gesendet|datum|an|betreff|envoy[ée]|[àa]|objet|enviado|fecha|para|asunto|inviato|data|oggetto|verzonden|aan|onderwerp|assunto)\*?\s*:/;

/** The conventional signature marker, "-- " (trailing space often lost). */
const signatureMarker = /^--\s*$/;

/**
 * A closing line: what follows it is the sender's name, title and numbers.
 * Only a short line that is the closing alone counts, so "Thanks, could you
 * send the quote?" is not cut.
 */
const closing =
  /^(best|kind|warm|many thanks and)? ?(regards|wishes)|^(best|cheers|thanks|thank you|many thanks|sincerely|yours( truly| sincerely)?)$|^(mit )?(freundlichen|besten|herzlichen|viele|liebe|beste) gr[üu](ß|ss)en?$|^(viele )?gr[üu](ß|ss)e$|^(bien )?cordialement$|^(bien [àa] vous|salutations( distingu[ée]es)?|bonne journ[ée]e|merci( d'avance| beaucoup)?)$|^(un )?(saludo|saludos)( cordiales)?$|^(atentamente|gracias|muchas gracias)$|^(cordiali|distinti|cari) saluti$|^(saluti|grazie( mille)?)$|^(met )?(vriendelijke|hartelijke) groet(en)?$|^(groeten|groet|bedankt|alvast bedankt)$|^(atenciosamente|cumprimentos|melhores cumprimentos|abra[çc]os?|obrigad[oa])$/;

/** "Sent from my iPhone" and its translations: a line a device adds. */
const deviceFooter =
  /^(sent from my|get outlook for|von meinem .{1,30} gesendet|gesendet von meinem|envoy[ée] de mon|enviado desde mi|inviato da|verzonden (vanaf|met) mijn|enviado do meu)\b/;

/**
 * A paragraph a server or company appends: legal disclaimers, "think before
 * printing", mailing-list footers. Phrased as about "this message" or as an
 * instruction to "click", so a sender's own sentence about unsubscribing or
 * about confidentiality is kept.
 */
const disclaimerCues: readonly RegExp[] = [
  String.raw`(this|the) (e-?mail|message|communication)( and any attachments?)? (is|are|may be|contains?) (confidential|privileged|intended)`,
  String.raw`intended (solely |only )?for the (use of the )?(named )?(addressee|recipient|individual|person)`,
  String.raw`if you (have )?received this (e-?mail|message|communication) (in error|by mistake)`,
  String.raw`(diese|this) (e-?mail|nachricht)\b.{0,80}\b(vertraulich|informationen)\b`,
  String.raw`sind sie nicht der (richtige )?(adressat|empf[äa]nger)`,
  String.raw`ce (message|courriel|e-?mail)\b.{0,80}\b(confidenti|destin[ée]|exclusivement)`,
  String.raw`este (mensaje|correo)\b.{0,80}\b(confidencial|destinatario|exclusivo)`,
  String.raw`(questo|il presente) (messaggio|e-?mail)\b.{0,80}\b(riservat|confidenzial|destinatari)`,
  String.raw`dit (e-?mail)?bericht\b.{0,80}\b(vertrouwelijk|geadresseerde|uitsluitend)`,
  String.raw`esta (mensagem|e-?mail)\b.{0,80}\b(confidencia|destinat[áa]rio|exclusivo)`,
  String.raw`(please )?(consider the environment|think before (you )?print|denken sie an die umwelt|pensez [àa] l'environnement|piense en el medio ambiente|pensa all'ambiente|denk aan het milieu|pense no meio ambiente)`,
  String.raw`(to|um|pour|para|per|om) (unsubscribe|opt out|abmelden|vous d[ée]sabonner|desuscribirse|darse de baja|annullare l'iscrizione|disiscriverti|uit te schrijven|afmelden|cancelar (a )?inscri[çc][ãa]o|descadastrar)`,
  String.raw`(unsubscribe|abmelden|se d[ée]sabonner|darse de baja|disiscriviti|afmelden|descadastre-se) (here|hier|ici|aqu[íi]|qui|aqui)\b`,
  String.raw`you (are )?receiv(ing|ed) this (e-?mail|message|newsletter) because\b`,
  String.raw`(manage|update) (your )?(e-?mail )?(preferences|subscription)\b`,
].map((source) => phrase(source));

/**
 * The part of a plain-text body the sender wrote in this message: quoted
 * history (from the first attribution line, separator, quoted header block or
 * `>` line on), device footers, disclaimer paragraphs and the signature (from
 * "-- " or a closing line such as "Kind regards" followed only by short lines)
 * are removed.
 * A reply quoting a complaint is then not read as a complaint.
 *
 * @example
 * extractNewText('Great, thanks!\n\nOn Mon, 3 Jun 2024, Ana wrote:\n> This is unacceptable.')
 * // { text: 'Great, thanks!', removed: ['quoted_history'] }
 */
export function extractNewText(body: string): NewText {
  const removed: RemovedPart[] = [];
  const lines = body.replace(/\r\n?/g, '\n').split('\n');

  const historyAt = quotedHistoryStart(lines);
  let kept = historyAt === undefined ? lines : lines.slice(0, historyAt);
  if (historyAt !== undefined) removed.push('quoted_history');

  const interleaved = kept.filter((line) => !line.trimStart().startsWith('>'));
  if (interleaved.length !== kept.length) {
    kept = interleaved;
    if (!removed.includes('quoted_history')) removed.push('quoted_history');
  }

  const withoutDevice = kept.filter((line) => !deviceFooter.test(fold(line)));
  if (withoutDevice.length !== kept.length) {
    kept = withoutDevice;
    removed.push('device_footer');
  }

  const paragraphs = kept.join('\n').split(/\n\s*\n/);
  const withoutDisclaimers = paragraphs.filter((p) => !isDisclaimer(p));
  if (withoutDisclaimers.length !== paragraphs.length) removed.push('disclaimer');
  kept = withoutDisclaimers.join('\n\n').split('\n');

  const signatureAt = signatureStart(kept);
  if (signatureAt !== undefined) {
    kept = kept.slice(0, signatureAt);
    removed.push('signature');
  }

  return { text: kept.join('\n').trim(), removed };
}

function quotedHistoryStart(lines: readonly string[]): number | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = fold(lines[i] ?? '');
    if (line === '') continue;
    const next = fold(lines[i + 1] ?? '');
    if (attribution.some((re) => re.test(line) || re.test(`${line} ${next}`))) return i;
    if (separator.test(line) || /^_{10,}$/.test(line)) return i;
    if (fromHeader.test(line) && followedByHeader(lines, i)) return i;
    if (line.startsWith('>') && lines.slice(i).every((l) => l.trim() === '' || l.startsWith('>'))) {
      return i;
    }
  }
  return undefined;
}

function followedByHeader(lines: readonly string[], at: number): boolean {
  return lines.slice(at + 1, at + 5).some((line) => otherHeader.test(fold(line)));
}

/** Signatures sit at the end: a closing line counts only within the last lines. */
const closingReach = 8;

function signatureStart(lines: readonly string[]): number | undefined {
  const marker = lines.findIndex((line) => signatureMarker.test(line));
  if (marker > 0) return marker;
  const last = lastTextLine(lines);
  for (let i = Math.max(1, last - closingReach); i <= last; i++) {
    const line = fold(lines[i] ?? '').replace(/[,.!]+$/, '');
    if (
      line.length > 0 &&
      line.length <= 40 &&
      closing.test(line) &&
      onlySignatureAfter(lines, i)
    ) {
      return i;
    }
  }
  return undefined;
}

/**
 * A name, a title, numbers: short lines without a question. "Thanks!" above
 * "Could you send the quote?" opens the message rather than closing it.
 */
function onlySignatureAfter(lines: readonly string[], at: number): boolean {
  return lines
    .slice(at + 1)
    .every((line) => line.length <= signatureLineLength && !line.trimEnd().endsWith('?'));
}

/** Longer than this, a line is a sentence rather than a signature's name, title or address. */
const signatureLineLength = 70;

function lastTextLine(lines: readonly string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if ((lines[i] ?? '').trim() !== '') return i;
  return -1;
}

/** The disclaimer cues as one pattern: a paragraph is scanned once rather than once per cue. */
const anyDisclaimerCue = anyPhrase(disclaimerCues);

function isDisclaimer(paragraph: string): boolean {
  return anyDisclaimerCue.test(fold(paragraph).replace(/\s+/g, ' '));
}

function fold(line: string): string {
  return line.trim().toLowerCase();
}
