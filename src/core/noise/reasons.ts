import { headerValue, type ParsedMessage } from '../message.js';

const maxSubjectLength = 60;

/**
 * A reason naming a header, with its value when there is one:
 * `header Auto-Submitted: auto-replied`, `header List-Unsubscribe`.
 * `displayName` is the conventional spelling, whatever case the message used.
 */
export function headerReason(displayName: string, value?: string): string {
  const shown = value?.trim();
  return shown ? `header ${displayName}: ${shown}` : `header ${displayName}`;
}

/** A reason quoting the subject, shortened: `subject "Automatic reply: Proposal …"`. */
export function subjectReason(subject: string): string {
  const shown =
    subject.length > maxSubjectLength
      ? `${subject.slice(0, maxSubjectLength).trimEnd()}…`
      : subject;
  return `subject "${shown}"`;
}

/** A header's first value, trimmed, or undefined when the header is absent. */
export function header(message: Pick<ParsedMessage, 'headers'>, name: string): string | undefined {
  return headerValue(message, name)?.trim();
}

/** The first lines of the body with text in them, where automatic replies say what they are. */
export function openingLines(message: Pick<ParsedMessage, 'text'>, count = 3): string {
  return (message.text ?? '')
    .slice(0, 2000)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .slice(0, count)
    .join(' ');
}
