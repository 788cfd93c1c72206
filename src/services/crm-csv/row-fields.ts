import { isOrganisationDomain } from '../../core/addresses/domain-name.js';
import { normalizeAddress, normalizeDomain } from '../../core/addresses/normalize.js';
import { listSeparator } from './crm-csv-files.js';
import type { CsvRow } from './read-csv.js';
import { unquoteFormula } from './spreadsheet-formulas.js';

/** A date, or a date and time with an optional offset (none: UTC). */
const instantPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

const currencyCodes = new Set(Intl.supportedValuesOf('currency'));

/** The largest amount `numeric(16, 2)` holds has 14 integer digits. */
const amountPattern = /^([+-])?(\d{1,14})(?:\.(\d*))?$/;

/**
 * Reads typed, normalised values out of one row, recording a reason per bad
 * field instead of stopping at the first, so one pass reports them all.
 */
export class RowFields {
  readonly problems: { column: string; reason: string }[] = [];

  constructor(private readonly row: CsvRow) {}

  get failed(): boolean {
    return this.problems.length > 0;
  }

  fail(column: string, reason: string): void {
    this.problems.push({ column, reason });
  }

  /**
   * The trimmed value, without the quote an export puts before a spreadsheet
   * formula; empty when the file has no such column.
   */
  text(column: string): string {
    return unquoteFormula(this.row.fields.get(column) ?? '');
  }

  /** The trimmed value, which must not be empty. */
  required(column: string): string {
    const value = this.text(column);
    if (!value) this.fail(column, `${column} is required`);
    return value;
  }

  /** Null when empty. */
  optional(column: string): string | null {
    return this.text(column) || null;
  }

  /** A normalised address, or null when empty. */
  address(column: string): string | null {
    const value = this.text(column);
    if (!value) return null;
    const address = normalizeAddress(value);
    if (!address) this.fail(column, `not a valid email address: "${value}"`);
    return address;
  }

  /** The `;`-separated values, trimmed, empties and repeats dropped, order kept. */
  list(column: string): string[] {
    const values = this.text(column)
      .split(listSeparator)
      .map((value) => value.trim())
      .filter((value) => value !== '');
    return [...new Set(values)];
  }

  addresses(column: string): string[] {
    return this.normalisedList(column, normalizeAddress, 'not a valid email address');
  }

  /** Domains of one organisation each: no wildcard, no bare public suffix such as `co.uk`. */
  domains(column: string): string[] {
    const organisationDomain = (value: string) => {
      const domain = normalizeDomain(value);
      return domain && isOrganisationDomain(domain) ? domain : null;
    };
    return this.normalisedList(column, organisationDomain, 'not a valid domain');
  }

  /** A JSON object, or null when empty. */
  jsonObject(column: string): object | null {
    const value = this.text(column);
    if (!value) return null;
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
    } catch {
      // Reported below, as for any other value that is not an object.
    }
    this.fail(column, `not a JSON object: "${value}"`);
    return null;
  }

  /** One of `allowed`; an empty cell means `fallback`. */
  oneOf<T extends string>(column: string, allowed: readonly T[], fallback: T): T {
    const value = this.text(column).toLowerCase();
    if (!value) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.fail(column, `must be one of ${allowed.join(', ')}, not "${this.text(column)}"`);
    return fallback;
  }

  /**
   * A decimal amount in canonical text, or null when empty: no leading `+`
   * or zeros, no trailing fraction zeros, so `1200.50` reads as `1200.5`.
   * More than two decimals would be rounded by the store, so they are refused.
   */
  amount(column: string): string | null {
    const value = this.text(column);
    if (!value) return null;
    const match = amountPattern.exec(value);
    const fraction = (match?.[3] ?? '').replace(/0+$/, '');
    if (!match || fraction.length > 2 || value.endsWith('.')) {
      this.fail(column, `not an amount (a number with at most 2 decimals): "${value}"`);
      return null;
    }
    const whole = match[2]!.replace(/^0+(?=\d)/, '');
    const sign = match[1] === '-' && (whole !== '0' || fraction !== '') ? '-' : '';
    return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
  }

  /** An ISO 4217 currency code in upper case (`eur` reads as `EUR`), or null when empty. */
  currency(column: string): string | null {
    const value = this.text(column);
    if (!value) return null;
    const code = value.toUpperCase();
    if (currencyCodes.has(code)) return code;
    this.fail(column, `not an ISO 4217 currency code: "${value}"`);
    return null;
  }

  /**
   * An ISO 8601 date (`2025-03-31`, that day's start in UTC) or date and time
   * (`2025-03-31T17:30:00+02:00`; without an offset, UTC), as the instant in
   * `toISOString` form; null when empty.
   */
  instant(column: string): string | null {
    const value = this.text(column);
    if (!value) return null;
    const match = instantPattern.exec(value);
    if (match) {
      const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = ''] = match;
      const offset = (match[8] ?? 'Z').toUpperCase();
      const zone =
        offset === 'Z' || offset.includes(':')
          ? offset
          : `${offset.slice(0, 3)}:${offset.slice(3)}`;
      const millis = fraction && fraction.slice(0, 4).padEnd(4, '0');
      const time = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${millis}${zone}`);
      // Date rolls 31 February over into March: the calendar date must survive.
      const calendar = new Date(`${year}-${month}-${day}T00:00:00Z`);
      if (
        !Number.isNaN(time.getTime()) &&
        !Number.isNaN(calendar.getTime()) &&
        calendar.toISOString().startsWith(`${year}-${month}-${day}`)
      ) {
        return time.toISOString();
      }
    }
    this.fail(column, `not an ISO 8601 date or date and time: "${value}"`);
    return null;
  }

  private normalisedList(
    column: string,
    normalise: (value: string) => string | null,
    what: string,
  ): string[] {
    const values: string[] = [];
    for (const raw of this.list(column)) {
      const value = normalise(raw);
      if (value) values.push(value);
      else this.fail(column, `${what}: "${raw}"`);
    }
    return [...new Set(values)];
  }
}
