import type { ParsedMessage } from '../message.js';

// Bounded: signals sit near the top (what a report says) or in the footer of
// the sender's own part, and a huge body must not slow the classifier down.
const maxBodyChars = 30_000;

// Where a person's own words end and what they quote or forward begins, as
// mail clients write it in the languages we serve; a signature (`-- `) ends
// them too, and with it the footer a list server appends after one.
const quoteMarker =
  /^(?:-{2,}\s*(?:forwarded message|original message|ursprüngliche nachricht|weitergeleitete nachricht|message d'origine|message transféré|mensaje original|mensaje reenviado|messaggio originale|messaggio inoltrato|oorspronkelijk bericht|doorgestuurd bericht|mensagem original|mensagem encaminhada|исходное сообщение|пересланное сообщение)\s*-{2,}|begin forwarded message:|_{10,}|--[ \t]*$|>|on .{4,200} wrote:$|am .{4,200} schrieb .{0,200}:$|le .{4,200} a écrit\s?:$|el .{4,200} escribió:$|il .{4,200} ha scritto:$|op .{4,200} schreef .{0,200}:$|em .{4,200} escreveu:$|(?:from|von|de|van|da):\s.+@)/imu;

/**
 * The text of a message as its sender wrote it: the plain-text body (or the
 * HTML's text when there is none), cut where a quoted or forwarded message
 * begins. A person forwarding a newsletter or a bounce quotes its wording;
 * only what comes before the quote is theirs.
 *
 * @example ownText({ text: 'See below.\n\n---------- Forwarded message ---------\nUnsubscribe', html: null })
 * // 'See below.\n'
 */
export function ownText(message: Pick<ParsedMessage, 'text' | 'html'>): string {
  let own = ownTexts.get(message);
  if (own === undefined) {
    const body = (message.text ?? htmlText(message.html ?? '')).slice(0, maxBodyChars);
    const marker = quoteMarker.exec(body);
    own = marker ? body.slice(0, marker.index) : body;
    ownTexts.set(message, own);
  }
  return own;
}

// Several signal families read the same own text; a message is not changed after parsing.
const ownTexts = new WeakMap<object, string>();

/**
 * Where wording that marks a whole message sits: its first and last lines
 * (a notice's "do not reply", a newsletter's "view in browser" and footer).
 */
export function ownTextEnds(message: Pick<ParsedMessage, 'text' | 'html'>, chars = 1500): string {
  const own = ownText(message);
  return own.length <= chars * 2 ? own : `${own.slice(0, chars)}\n${own.slice(-chars)}`;
}

/**
 * The HTML of a message up to the first quoted or forwarded part (Gmail's
 * `gmail_quote`, Outlook's divider, a blockquote): links and layout of the
 * sender's own part.
 */
export function ownHtml(message: Pick<ParsedMessage, 'html'>): string {
  const html = (message.html ?? '').slice(0, maxBodyChars * 4);
  const marker =
    /<(?:div|blockquote)[^>]*class="?(?:gmail_quote|moz-cite-prefix|yahoo_quoted)|<blockquote|<div[^>]*id="?(?:divRplyFwdMsg|appendonsend)|-{2,}\s*(?:forwarded message|original message)/i.exec(
      html,
    );
  return marker ? html.slice(0, marker.index) : html;
}

/** Text of an HTML body: tags dropped, block ends as line breaks, common entities decoded. */
export function htmlText(html: string): string {
  return html
    .slice(0, maxBodyChars * 4)
    .replace(/<(?:style|script|head)[^>]*>[\s\S]*?<\/(?:style|script|head)>/gi, '')
    .replace(/<(?:br|\/p|\/div|\/tr|\/h\d|\/li)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n');
}
