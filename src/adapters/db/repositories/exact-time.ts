/**
 * A timestamp to the microsecond, as the store keeps it: a JavaScript Date
 * holds milliseconds, so a cursor made from one falls before the rows it
 * has read and reads them again. Carried as the decimal count of
 * microseconds since 1970, compared as BigInt.
 */
export type Micros = string;

/** SQL for a timestamptz expression as `Micros` (exact: `extract` answers numeric). */
export const microsOf = (column: string) =>
  `(extract(epoch FROM ${column}) * 1000000)::bigint::text`;

/** SQL for the timestamptz a `Micros` parameter names. */
export const timestampOfMicros = (parameter: string) =>
  `('epoch'::timestamptz + ${parameter}::bigint * interval '1 microsecond')`;
