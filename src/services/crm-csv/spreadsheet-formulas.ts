/**
 * A spreadsheet opening a CSV file runs a cell beginning with one of these
 * as a formula (`=HYPERLINK(…)`, `+1+cmd|…`), so an export must not write one.
 */
const formulaStart = /^'*[=+\-@\t\r]/;

/**
 * Makes a cell inert for spreadsheets by prefixing a single quote to a value
 * a spreadsheet would run as a formula, and to one that already reads like
 * such a prefixed value, so `unquoteFormula` can tell the two apart.
 *
 * @example quoteFormula('=SUM(A1)') // "'=SUM(A1)"
 * @example quoteFormula("'=SUM(A1)") // "''=SUM(A1)"
 * @example quoteFormula("O'Brien") // "O'Brien"
 */
export function quoteFormula(cell: string): string {
  return formulaStart.test(cell) ? `'${cell}` : cell;
}

/**
 * Takes back exactly the quote `quoteFormula` added, so an exported file
 * imports to the values it was written from.
 *
 * @example unquoteFormula("'+44 20 7946 0000") // '+44 20 7946 0000'
 * @example unquoteFormula("'quoted'") // "'quoted'"
 */
export function unquoteFormula(cell: string): string {
  return cell.startsWith("'") && formulaStart.test(cell) ? cell.slice(1) : cell;
}
