import { encodeWord, formatDate } from '../corpus-mail.js';
import type { SeededRandom } from '../seeded-random.js';
import type { NoiseCategory } from '../../../src/core/noise/verdict.js';

/** One message of the noise corpus with what it is by construction. */
export interface NoiseSample {
  /** Family and variant, e.g. `bounce/exim`, `human/forwarded-newsletter`. */
  readonly kind: string;
  readonly category: NoiseCategory;
  readonly raw: string;
  /** For bounces: the address the report says failed, and the status it gives, when it gives one. */
  readonly failedRecipient?: string;
  readonly status?: string;
}

/** A MIME entity: its content headers and body lines. */
export interface Entity {
  readonly headers: readonly string[];
  readonly lines: readonly string[];
}

/** Writes entities, boundaries, Message-IDs and dates for one seeded corpus. */
export function createComposer(random: SeededRandom) {
  let count = 0;
  const hex = (length: number) =>
    Array.from({ length }, () => random.int(16).toString(16)).join('');
  const start = Date.UTC(2025, 2, 3, 7, 0, 0);
  return {
    random,
    hex,
    /** A date within the corpus's three months, written in a sender's time zone. */
    date(): string {
      return formatDate(
        new Date(start + random.int(90 * 86_400_000)),
        random.pick([0, 60, 120, -300, -420, 330, 540, 180]),
      );
    },
    messageId(domain: string): string {
      count += 1;
      return `<${hex(8)}${count}.${hex(6)}@${domain}>`;
    },
    boundary(): string {
      count += 1;
      return `----=_NextPart_${hex(4)}_${count}_${hex(8)}`;
    },
    /** A whole message: top headers (From, To, Subject … as written), then the entity. */
    message(top: readonly (string | false | undefined)[], entity: Entity): string {
      const headers = top.filter((line): line is string => typeof line === 'string');
      return `${[...headers, 'MIME-Version: 1.0', ...entity.headers, '', ...entity.lines].join('\r\n')}\r\n`;
    },
  };
}

export type Composer = ReturnType<typeof createComposer>;

export const subjectHeader = (subject: string) => `Subject: ${encodeWord(subject)}`;

export function text(body: string, charset = 'utf-8'): Entity {
  return {
    headers: [`Content-Type: text/plain; charset=${charset}`, 'Content-Transfer-Encoding: 8bit'],
    lines: body.split('\n'),
  };
}

export function html(body: string): Entity {
  return {
    headers: ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit'],
    lines: body.split('\n'),
  };
}

/** A multipart entity of the given subtype with extra Content-Type parameters. */
export function multipart(
  subtype: string,
  boundary: string,
  parts: readonly Entity[],
  parameters = '',
): Entity {
  return {
    headers: [`Content-Type: multipart/${subtype};${parameters}\r\n\tboundary="${boundary}"`],
    lines: [
      ...(subtype === 'report' ? ['This is a MIME-encapsulated message.', ''] : []),
      ...parts.flatMap((part) => [`--${boundary}`, ...part.headers, '', ...part.lines]),
      `--${boundary}--`,
      '',
    ],
  };
}

export function part(contentType: string, body: string, extra: readonly string[] = []): Entity {
  return { headers: [`Content-Type: ${contentType}`, ...extra], lines: body.split('\n') };
}

/** A file attached in base64. */
export function attachment(contentType: string, filename: string, content: string): Entity {
  const encoded = Buffer.from(content).toString('base64');
  return {
    headers: [
      `Content-Type: ${contentType}; name="${filename}"`,
      `Content-Disposition: attachment; filename="${filename}"`,
      'Content-Transfer-Encoding: base64',
    ],
    lines: encoded.match(/.{1,76}/g) ?? [],
  };
}

/** Quotes text the way mail clients do in a reply. */
export function quoted(body: string): string {
  return body
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}
