/**
 * What the compose form holds and how it becomes the body of
 * `POST /api/messages/send`. Pure, so the rules are tested without a page.
 */

import type { RecordKind } from '../api';

export type AnswerMode = 'reply' | 'replyAll' | 'forward';

export interface Upload {
  filename: string;
  contentType: string;
  contentBase64: string;
  size: number;
}

export interface StoredFile {
  messageId: string;
  position: number;
}

export interface Draft {
  mailboxId: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  format: 'text' | 'html';
  body: string;
  uploads: Upload[];
  stored: StoredFile[];
  /** Send later: a wall-clock time read in the chosen time zone. */
  schedule: { localTime: string; timeZone: string } | null;
  /** Ask for open and click tracking, where the organisation allows it. */
  track: boolean;
  /** The template last used, counted in its open and click rates. */
  templateId: string | null;
}

/** Where the message is written from: the record it is shared on, the message it answers. */
export interface ComposeContext {
  record: { type: RecordKind; id: string } | null;
  answer: { messageId: string; mode: AnswerMode } | null;
}

export const emptyDraft: Draft = {
  mailboxId: '',
  to: '',
  cc: '',
  bcc: '',
  subject: '',
  format: 'text',
  body: '',
  uploads: [],
  stored: [],
  schedule: null,
  track: false,
  templateId: null,
};

/** The addresses typed in one field: separated by commas, semicolons or new lines. */
export function addressesOf(field: string): string[] {
  return field
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

const looksLikeAddress = (entry: string) =>
  /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(/<([^>]*)>\s*$/.exec(entry)?.[1] ?? entry);

/** The plain-text part of an HTML body: its text, with paragraphs and breaks as new lines. */
export function plainTextOf(html: string): string {
  return html
    .replace(/<\/(p|h\d)>/gi, '\n\n')
    .replace(/<(br|\/div|\/li)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** What is wrong with the draft before it is sent, in words for the form; null when nothing. */
export function draftProblem(draft: Draft, context: ComposeContext): string | null {
  if (!draft.mailboxId) return 'Choose the mailbox to send from.';
  const all = [...addressesOf(draft.to), ...addressesOf(draft.cc), ...addressesOf(draft.bcc)];
  const bad = all.find((entry) => !looksLikeAddress(entry));
  if (bad) return `"${bad}" is not an e-mail address.`;
  // An answer without recipients goes to those the answer proposes.
  if (all.length === 0 && context.answer?.mode !== 'reply' && context.answer?.mode !== 'replyAll') {
    return 'Add at least one recipient.';
  }
  if (draft.schedule && !draft.schedule.localTime) return 'Choose when to send it.';
  return null;
}

/** The request body of `POST /api/messages/send` for a checked draft. */
export function sendRequest(draft: Draft, context: ComposeContext) {
  return {
    mailboxId: draft.mailboxId,
    to: addressesOf(draft.to),
    cc: addressesOf(draft.cc),
    bcc: addressesOf(draft.bcc),
    subject: draft.subject.trim(),
    text: draft.format === 'html' ? plainTextOf(draft.body) : draft.body,
    html: draft.format === 'html' ? draft.body : null,
    answer: context.answer,
    record: context.record,
    attachments: {
      uploads: draft.uploads.map(({ filename, contentType, contentBase64 }) => ({
        filename,
        contentType,
        contentBase64,
      })),
      stored: draft.stored,
    },
    sendAt: draft.schedule,
    track: draft.track,
    templateId: draft.templateId,
  };
}

/** A filled template put into the draft: its HTML when it has one, else its text. */
export function withTemplate(
  draft: Draft,
  filled: { id: string; subject: string; text: string; html: string | null },
): Draft {
  return {
    ...draft,
    templateId: filled.id,
    subject: filled.subject || draft.subject,
    format: filled.html === null ? 'text' : 'html',
    body: filled.html ?? filled.text,
  };
}
