import { ThreadlineError } from '../errors.js';
import { isKnownField, type MergeGroup, type MergeValues } from './merge-fields.js';

/** A piece of a parsed template: literal text, or a field with its optional fallback. */
export type TemplatePart =
  { kind: 'text'; text: string } | { kind: 'field'; name: string; fallback: string | null };

/** Why a field could not be filled: a name we do not know, or a value the record lacks. */
export interface FieldProblem {
  field: string;
  problem: 'unknown' | 'empty' | 'malformed';
  /** Which part of the template: subject, text or html. */
  in: string;
}

// `{{ contact.first_name }}` or `{{ contact.first_name | "there" }}`.
const placeholder = /\{\{\s*([^}|]*?)\s*(?:\|\s*"([^"]*)"\s*)?\}\}/g;

/**
 * Splits a template into text and fields. Anything between braces that is
 * not a `group.field` name is reported, never sent as written.
 */
export function parseTemplate(
  source: string,
  where: string,
): {
  parts: TemplatePart[];
  problems: FieldProblem[];
} {
  const parts: TemplatePart[] = [];
  const problems: FieldProblem[] = [];
  let last = 0;
  for (const match of source.matchAll(placeholder)) {
    if (match.index > last) parts.push({ kind: 'text', text: source.slice(last, match.index) });
    const name = match[1]!;
    if (!isKnownField(name))
      problems.push({ field: name || match[0], problem: 'unknown', in: where });
    parts.push({ kind: 'field', name, fallback: match[2] ?? null });
    last = match.index + match[0].length;
  }
  const rest = source.slice(last);
  const stray = rest.indexOf('{{');
  if (stray >= 0)
    problems.push({ field: rest.slice(stray, stray + 40), problem: 'malformed', in: where });
  if (rest) parts.push({ kind: 'text', text: rest });
  return { parts, problems };
}

/** The problems of a template's parts, without filling it: what saving checks. */
export function templateProblems(sources: Record<string, string | null>): FieldProblem[] {
  return Object.entries(sources).flatMap(([where, source]) =>
    source === null ? [] : parseTemplate(source, where).problems,
  );
}

function valueOf(values: MergeValues, name: string): string | null {
  const dot = name.indexOf('.');
  const group = values[name.slice(0, dot) as MergeGroup];
  const value = group?.[name.slice(dot + 1)];
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Fills a template's subject, text and HTML from a record's values. A field
 * the record leaves empty takes its fallback; without one it is a problem,
 * and every problem is named in one VALIDATION_FAILED before anything is sent.
 *
 * @example
 * renderTemplate({ subject: 'Hi {{contact.first_name | "there"}}', text: '', html: null }, {});
 * // { subject: 'Hi there', text: '', html: null }
 */
export function renderTemplate(
  template: { subject: string; text: string; html: string | null },
  values: MergeValues,
): { subject: string; text: string; html: string | null } {
  const problems: FieldProblem[] = [];
  const fill = (source: string | null, where: string, escape: (v: string) => string) => {
    if (source === null) return null;
    const parsed = parseTemplate(source, where);
    problems.push(...parsed.problems);
    return parsed.parts
      .map((part) => {
        if (part.kind === 'text') return part.text;
        const value = valueOf(values, part.name) ?? part.fallback;
        if (value === null && isKnownField(part.name)) {
          problems.push({ field: part.name, problem: 'empty', in: where });
        }
        return escape(value ?? '');
      })
      .join('');
  };
  const plain = (v: string) => v.replace(/[\r\n]+/g, ' ');
  const rendered = {
    subject: fill(template.subject, 'subject', plain)!,
    text: fill(template.text, 'text', (v) => v)!,
    html: fill(template.html, 'html', escapeHtml),
  };
  if (problems.length > 0) throw problemsError(problems);
  return rendered;
}

/**
 * Merge fields left unfilled in a message about to be sent: typed by hand,
 * or a template pasted without a record. Only known names count, so other
 * text in braces goes out as written.
 */
export function unfilledMergeFields(parts: readonly (string | null)[]): string[] {
  const names = parts.flatMap((part) =>
    part === null ? [] : [...part.matchAll(placeholder)].map((match) => match[1]!),
  );
  return [...new Set(names.filter(isKnownField))];
}

/** One error naming every field at fault, with the list in `details`. */
export function problemsError(problems: readonly FieldProblem[]): ThreadlineError {
  const unique = [...new Map(problems.map((p) => [`${p.problem}:${p.field}`, p])).values()];
  const said = unique.map((p) =>
    p.problem === 'unknown'
      ? `"${p.field}" is not a merge field`
      : p.problem === 'empty'
        ? `"${p.field}" is empty for this record and has no fallback`
        : `"${p.field}" is not a complete {{group.field}} placeholder`,
  );
  return new ThreadlineError('VALIDATION_FAILED', said.join('; '), { fields: unique });
}
