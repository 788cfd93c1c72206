import type { TxtLookup } from '../../core/sending-domains/domain-records.js';
import { cachingResolver } from '../sender-auth/caching-resolver.js';

const noRecordCodes = new Set(['ENOTFOUND', 'ENODATA']);

/**
 * TXT lookups against one DNS server (the system's first when `server` is
 * null), asked afresh each time: an admin who has just published a record
 * wants it seen now, not after a cached "no record" runs out.
 */
export function txtLookup(options: {
  readonly server: string | null;
  readonly timeoutMs: number;
}): (name: string) => Promise<TxtLookup> {
  return async (name) => {
    try {
      const records = await cachingResolver(options).resolve(name, 'TXT');
      return { records: records as string[][] };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const detail = typeof code === 'string' ? code : 'ETIMEOUT';
      return { failure: noRecordCodes.has(detail) ? 'no_record' : 'unreachable', detail };
    }
  };
}
