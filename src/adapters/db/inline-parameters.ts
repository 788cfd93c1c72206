import pgUtils from 'pg/lib/utils.js';
import type { Statement } from './database.js';

/** node-postgres's own conversion of a parameter to its text form (null, text or bytes). */
const { prepareValue } = pgUtils as {
  prepareValue(this: void, value: unknown): string | Buffer | null;
};

/**
 * Statements as one simple-protocol query text, each parameter written in
 * place as a literal: PostgreSQL runs such a text as one implicit
 * transaction, in one round trip, and rolls all of it back when any
 * statement fails. Values take the text form node-postgres would have sent
 * as parameters, so they mean what they did as parameters: an untyped
 * literal takes its type from where it stands, as an untyped parameter does.
 */
export function inlineStatements(statements: readonly Statement[]): string {
  // Joined with `+`, which links strings rather than copying them: a batch's
  // text is megabytes, copied once when it is sent.
  let text = '';
  for (const [index, statement] of statements.entries()) {
    text = text + (index === 0 ? '' : ';\n') + inlineParameters(statement);
  }
  return text;
}

export function inlineParameters({ sql, params }: Statement): string {
  // Text and placeholder numbers, alternately.
  const pieces = sql.split(/\$(\d+)/);
  let text = pieces[0]!;
  for (let at = 1; at < pieces.length; at += 2) {
    const index = Number(pieces[at]) - 1;
    if (index < 0 || index >= params.length) {
      throw new Error(`Statement uses $${pieces[at]} but has ${params.length} parameters`);
    }
    text = text + literalOf(prepareValue(params[index]), `$${pieces[at]}`) + pieces[at + 1]!;
  }
  return text;
}

function literalOf(value: string | Buffer | null, placeholder: string): string {
  if (value === null) return 'NULL';
  // Hex digits only: nothing to quote.
  if (typeof value !== 'string') return `'\\x${value.toString('hex')}'`;
  // The protocol ends a query text at a NUL; PostgreSQL text cannot hold one
  // either, and refuses it as a parameter with this SQLSTATE, on which callers branch.
  if (value.includes('\0')) {
    const error = new Error(
      `Parameter ${placeholder} holds a NUL character, which PostgreSQL text cannot`,
    );
    throw Object.assign(error, { code: '22021' });
  }
  return dollarQuoted(value);
}

/**
 * A dollar-quoted literal ends at the first appearance of its tag, so the
 * value needs no escaping: the tag is one that appears neither in the value
 * nor across its end (a value ending in `$v` would close `$v$` early).
 */
function dollarQuoted(value: string): string {
  let tag = '$v$';
  for (let n = 0; !closesOnlyAtEnd(value, tag); n += 1) tag = `$v${n}$`;
  return `${tag}${value}${tag}`;
}

function closesOnlyAtEnd(value: string, tag: string): boolean {
  const tail = value.slice(-(tag.length - 1));
  return !value.includes(tag) && `${tail}${tag}`.indexOf(tag) === tail.length;
}
