import { isThreadlineError } from '../../src/core/errors.js';

/** The error a call fails with: its code and the fields it names. */
export async function failure(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (!isThreadlineError(error)) throw error;
    const details = Array.isArray(error.details) ? (error.details as { field: string }[]) : [];
    return { code: error.code, fields: details.map((d) => d.field), message: error.message };
  }
  throw new Error('expected the call to fail');
}
