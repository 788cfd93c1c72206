/**
 * Full-text search terms, made here rather than by PostgreSQL's
 * `to_tsvector`: its word parser costs about 0.6 ms for a 5 KB body, the
 * largest single cost of storing a captured message, while this runs in a
 * tenth of that on the capture side. The index and the queries are both
 * made by these functions, so they always cut words the same way.
 *
 * A word is a run of letters, combining marks and digits, lower-cased;
 * everything else separates words (`anna@acme.example` is the three words
 * `anna`, `acme`, `example`, and a query for it asks for them in a row).
 */

const word = /[\p{L}\p{M}\p{N}]+/gu;
/** PostgreSQL's limits: positions run to 16,383, a lexeme keeps 256 and is under 2 KB. */
const maxPosition = 16_383;
const maxPositionsPerWord = 256;
const maxWordBytes = 2_047;
/** Well under the 1 MB a tsvector may take; a longer text is indexed from its start. */
const maxVectorBytes = 512 * 1024;
const utf8 = new TextEncoder();

/** The words of a text, in order. */
export function searchWords(text: string): string[] {
  // `match` with a global pattern gives the strings alone, without a match object each.
  return text.toLowerCase().match(word) ?? [];
}

/**
 * A `tsvector` literal for a message: subject words weighted A (so a search
 * can be limited to subjects), then body words, each with its positions.
 *
 * @example searchVector('Q3 quote', 'The quote') // "'q3':1A 'quote':2A,4 'the':3"
 */
export function searchVector(subject: string, body: string | null): string {
  // Positions by word, in order; those up to the subject's last word are weighted A.
  const positions = new Map<string, number[]>();
  let position = 0;
  let bytes = 0;
  const add = (words: readonly string[]) => {
    for (const term of words) {
      if (position >= maxPosition || bytes >= maxVectorBytes) return;
      position += 1;
      if (term.length * 3 > maxWordBytes && utf8.encode(term).length > maxWordBytes) continue;
      const seen = positions.get(term);
      if (!seen) {
        positions.set(term, [position]);
        bytes += term.length + 8;
      } else if (seen.length < maxPositionsPerWord) {
        seen.push(position);
        bytes += 6;
      }
    }
  };
  add(searchWords(subject));
  const lastSubjectPosition = position;
  add(searchWords(body ?? ''));
  const entries: string[] = [];
  for (const [term, at] of positions) {
    let list = '';
    for (const p of at) list += `${list ? ',' : ''}${p}${p <= lastSubjectPosition ? 'A' : ''}`;
    entries.push(`${quoted(term)}:${list}`);
  }
  return entries.join(' ');
}

/**
 * A `tsquery` literal for what a user typed, in the web-search style:
 * words must all be present, `"a phrase"` in a row, `-word` absent, and
 * `or` between two terms allows either. Null when it holds no word.
 *
 * @example searchQuery('"price list" -draft or quote') // "('price' <-> 'list') & !'draft' | 'quote'"
 */
export function searchQuery(input: string): string | null {
  const parts: string[] = [];
  let pendingOr = false;
  for (const [, phrase, plain] of input.matchAll(/(-?"[^"]*"?)|([^\s"]+)/g)) {
    const token = phrase ?? plain ?? '';
    if (token.toLowerCase() === 'or') {
      pendingOr = parts.length > 0;
      continue;
    }
    const negated = token.startsWith('-');
    const words = searchWords(token);
    if (words.length === 0) continue;
    const inRow = words.map(quoted).join(' <-> ');
    const term = words.length > 1 ? `(${inRow})` : inRow;
    if (parts.length > 0) parts.push(pendingOr ? '|' : '&');
    parts.push(negated ? `!${term}` : term);
    pendingOr = false;
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

function quoted(term: string): string {
  return `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}
