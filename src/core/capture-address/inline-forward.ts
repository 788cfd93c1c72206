/** The mail client whose way of quoting a forwarded message was recognised. */
export type ForwardStyle = 'gmail' | 'outlook' | 'apple' | 'thunderbird';

/** The forwarded message's header fields as the forwarder's client wrote them out. */
export interface ForwardedFields {
  /** Address lists in the form `Name <address>, …`; an empty string when the block has none. */
  readonly from: string;
  readonly to: string;
  readonly cc: string;
  /** The date as written; see `forwardedDate`. */
  readonly date: string | null;
  readonly subject: string | null;
}

/** A message found quoted in the body of a forward. */
export interface InlineForward {
  readonly style: ForwardStyle;
  readonly fields: ForwardedFields;
  /** The forwarded message's own text, without the forwarder's note above it. */
  readonly body: string;
}

/** Lines that open a forwarded block, per client (and their common translations). */
const markers: readonly { style: ForwardStyle; pattern: RegExp }[] = [
  {
    style: 'gmail',
    pattern:
      /^-{5,}\s*(Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado|Messaggio inoltrato|Doorgestuurd bericht)\s*-{5,}$/,
  },
  {
    style: 'thunderbird',
    pattern: /^-{5,}\s*(Forwarded Message|Weitergeleitete Nachricht)\s*-{5,}$/i,
  },
  {
    style: 'apple',
    pattern:
      /^(Begin forwarded message|Anfang der weitergeleiteten Nachricht|Début du message réexpédié)\s*:$/i,
  },
  {
    style: 'outlook',
    pattern: /^-{3,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{3,}$/i,
  },
  { style: 'outlook', pattern: /^_{10,}$/ },
];

type Field = 'from' | 'to' | 'cc' | 'date' | 'subject' | 'other';

/** Header labels, lower-case, in the languages the markers cover. */
const labels: Readonly<Record<string, Field>> = {
  from: 'from',
  von: 'from',
  de: 'from',
  to: 'to',
  an: 'to',
  à: 'to',
  para: 'to',
  a: 'to',
  aan: 'to',
  cc: 'cc',
  date: 'date',
  sent: 'date',
  datum: 'date',
  gesendet: 'date',
  envoyé: 'date',
  enviado: 'date',
  fecha: 'date',
  data: 'date',
  verzonden: 'date',
  subject: 'subject',
  betreff: 'subject',
  objet: 'subject',
  asunto: 'subject',
  oggetto: 'subject',
  onderwerp: 'subject',
  'reply-to': 'other',
  'antwort an': 'other',
  importance: 'other',
  wichtigkeit: 'other',
};

/** `From: x`, `*From:* x` (bold in a text rendering of HTML), `From:\tx`. */
const headerLine = /^\*?([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ -]{0,20}?)\*?:\*?[ \t]*(.*)$/;

/**
 * Finds the first forwarded message quoted in a text body, in the formats
 * of the common clients:
 *
 * - Gmail: `---------- Forwarded message ---------` then From, Date, Subject, To, Cc
 * - Outlook: an underscore rule or `-----Original Message-----`, or no line at all,
 *   then From, Sent, To, Cc, Subject (addresses as `Name <a@b>` or `Name [mailto:a@b]`,
 *   lists separated by `;`)
 * - Apple Mail: `Begin forwarded message:` then From, Subject, Date, To, each line
 *   perhaps quoted with `> `
 * - Thunderbird: `-------- Forwarded Message --------` then Subject, Date, From, To,
 *   labels and values separated by a tab
 *
 * A block counts only with a From line. The body is what follows the block's
 * header lines, unquoted. Null when the text holds no forward.
 *
 * @example
 * findInlineForward('FYI\n\n---------- Forwarded message ---------\nFrom: Ada <ada@acme.com>\nTo: bob@ours.com\n\nHi Bob')
 * // { style: 'gmail', fields: { from: 'Ada <ada@acme.com>', to: 'bob@ours.com', … }, body: 'Hi Bob' }
 */
export function findInlineForward(text: string): InlineForward | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = unquote(lines[index]!).trim();
    const marker = markers.find((m) => m.pattern.test(line));
    const found = marker
      ? readBlock(lines, index + 1, marker.style)
      : bareOutlookBlock(lines, index);
    if (found) return found;
  }
  return null;
}

/** Outlook may write the header block with no line above it: From, then Sent, To and Subject. */
function bareOutlookBlock(lines: readonly string[], index: number): InlineForward | null {
  const label = headerLine.exec(unquote(lines[index]!).trim())?.[1]?.toLowerCase();
  if (label === undefined || labels[label] !== 'from') return null;
  const block = readBlock(lines, index, 'outlook');
  const written = /^\*?(sent|gesendet|envoyé|enviado|verzonden)\*?:/im;
  const header = lines.slice(index, index + 8).map((l) => unquote(l).trim());
  return block && header.some((l) => written.test(l)) ? block : null;
}

function readBlock(
  lines: readonly string[],
  start: number,
  style: ForwardStyle,
): InlineForward | null {
  let index = start;
  while (index < lines.length && unquote(lines[index]!).trim() === '') index += 1;
  const values: Partial<Record<Field, string>> = {};
  let last: Field | null = null;
  for (; index < lines.length; index += 1) {
    const line = unquote(lines[index]!).trimEnd();
    if (line.trim() === '') break;
    const match = headerLine.exec(line.trim());
    const field = match ? labels[match[1]!.trim().toLowerCase()] : undefined;
    if (match && field) {
      last = field;
      if (values[field] === undefined) values[field] = match[2]!.trim();
    } else if (last && /^[ \t]/.test(line)) {
      values[last] = `${values[last] ?? ''} ${line.trim()}`.trim();
    } else break;
  }
  if (!values.from) return null;
  const quoted = lines.slice(start, index).some((l) => /^\s*>/.test(l));
  const bodyLines = lines.slice(index).map((l) => (quoted ? unquote(l) : l));
  return {
    style,
    fields: {
      from: addressList(values.from),
      to: addressList(values.to ?? ''),
      cc: addressList(values.cc ?? ''),
      date: values.date || null,
      subject: values.subject ?? null,
    },
    body: bodyLines.join('\n').trim(),
  };
}

/** One level of `> ` quoting removed. */
function unquote(line: string): string {
  return line.replace(/^\s*> ?/, '');
}

/**
 * An address list as the forwarded block wrote it, in the form an address
 * parser reads: Outlook's `[mailto:a@b]` becomes `<a@b>`, its `;` a comma,
 * and the asterisks of a bold name go.
 */
function addressList(value: string): string {
  return value
    .replace(/\[mailto:([^\]]+)\]/gi, '<$1>')
    .replace(/\*/g, '')
    .replace(/;/g, ',')
    .replace(/<\s*<([^>]+)>\s*>/g, '<$1>')
    .trim()
    .replace(/,$/, '');
}

/** Zone abbreviations clients write in forwarded dates, as offsets. */
const zones: Readonly<Record<string, string>> = {
  UTC: '+0000',
  GMT: '+0000',
  BST: '+0100',
  CET: '+0100',
  CEST: '+0200',
  EET: '+0200',
  EEST: '+0300',
  EST: '-0500',
  EDT: '-0400',
  CST: '-0600',
  CDT: '-0500',
  MST: '-0700',
  MDT: '-0600',
  PST: '-0800',
  PDT: '-0700',
};

/**
 * The date of a forwarded block, or null when it cannot be read. Gmail and
 * Outlook write it in the forwarder's local time with no zone: it is read
 * as UTC, off by at most the forwarder's offset.
 *
 * @example forwardedDate('Mon, Dec 7, 2026 at 10:00 AM') // 2026-12-07T10:00:00Z
 * @example forwardedDate('7 December 2026 at 10:00:00 CET') // 2026-12-07T09:00:00Z
 */
export function forwardedDate(written: string | null): Date | null {
  // The engine's date parser guesses at almost anything; a date without a year is no date.
  if (!written || !/\b\d{4}\b/.test(written)) return null;
  let text = written
    .replace(/^[A-Za-zÀ-ÿ]+\.?,\s*/, '')
    .replace(/^(\d{1,2})\.(\d{1,2})\.(\d{4})/, '$3/$2/$1')
    .replace(/\s+(at|um|à)\s+/i, ' ')
    .replace(/(\d),\s+(\d{1,2}:)/, '$1 $2')
    .replace(/\s+/g, ' ')
    .trim();
  const zone = /\b([A-Z]{3,4})$/.exec(text)?.[1];
  if (zone && zones[zone]) text = `${text.slice(0, -zone.length)}${zones[zone]}`;
  else if (!/([+-]\d{2}:?\d{2}|Z)$/.test(text)) text = `${text} +0000`;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time);
}
