import { getServers } from 'node:dns';
import type { Answer, RecordType } from 'dns-packet';
import {
  DnsTransportError,
  parseDnsServer,
  queryDns,
  type DnsReply,
  type DnsServerAddress,
} from './dns-query.js';

/** What mailauth calls to look a name up, shaped like `dns.promises.resolve`. */
export type MailauthResolver = (name: string, type: string) => Promise<unknown[]>;

export interface CachingResolver {
  readonly resolve: MailauthResolver;
  /** Lookups answered from the cache, and those that asked the server. */
  stats(): { hits: number; misses: number };
}

/** A lookup that failed, coded as Node's resolver codes it so mailauth reads it rightly. */
class LookupError extends Error {
  constructor(
    readonly code: string,
    name: string,
    type: string,
  ) {
    super(`${type} ${name}: ${code}`);
  }
}

type Outcome = { readonly records: unknown[] } | { readonly code: string };

const rcodeErrors: Readonly<Record<string, string>> = {
  NXDOMAIN: 'ENOTFOUND',
  SERVFAIL: 'ESERVFAIL',
  REFUSED: 'EREFUSED',
  FORMERR: 'EFORMERR',
  NOTIMP: 'ENOTIMP',
};
// When a negative answer carries no SOA to say how long it holds.
const negativeTtlSeconds = 60;
// Even a record published for a week is asked again within a day.
const longestTtlSeconds = 86_400;
const supportedTypes = new Set(['TXT', 'A', 'AAAA', 'MX', 'PTR', 'CNAME']);

/**
 * A resolver for mailauth against one DNS server (the system's first when
 * `server` is null): answers, and "no such name / no data", are kept for
 * their TTL; a server failure or a timeout is never kept, and reaches
 * mailauth as such, so a check it breaks ends `temperror`, never `pass`.
 */
export function cachingResolver(options: {
  readonly server: string | null;
  readonly timeoutMs: number;
  /** Milliseconds since the epoch; the cache's clock. */
  readonly now?: () => number;
}): CachingResolver {
  const server = serverAddress(options.server);
  const now = options.now ?? Date.now;
  const cache = new Map<string, { expiresAt: number; outcome: Outcome }>();
  const counts = { hits: 0, misses: 0 };

  const lookup = async (name: string, type: string): Promise<Outcome> => {
    const key = `${type} ${name.toLowerCase()}`;
    const cached = cache.get(key);
    if (cached && cached.expiresAt > now()) {
      counts.hits += 1;
      return cached.outcome;
    }
    counts.misses += 1;
    let reply: DnsReply;
    try {
      reply = await queryDns(server, name, type as RecordType, options.timeoutMs);
    } catch (error) {
      return { code: error instanceof DnsTransportError ? error.code : 'ETIMEOUT' };
    }
    const { outcome, ttl } = outcomeOf(reply, type);
    if (ttl !== null) cache.set(key, { expiresAt: now() + ttl * 1000, outcome });
    return outcome;
  };

  return {
    resolve: async (name, rrtype) => {
      const type = rrtype.toUpperCase();
      if (!supportedTypes.has(type)) throw new LookupError('ENOTIMP', name, type);
      const outcome = await lookup(name, type);
      if ('code' in outcome) throw new LookupError(outcome.code, name, type);
      return outcome.records;
    },
    stats: () => ({ ...counts }),
  };
}

function serverAddress(setting: string | null): DnsServerAddress {
  const text = setting ?? getServers()[0] ?? '127.0.0.1';
  // getServers gives a bare IPv6 address for port 53: bracket it to read it as host:port.
  const bareIpv6 = !text.startsWith('[') && text.split(':').length > 2;
  const parsed = parseDnsServer(bareIpv6 ? `[${text}]` : text);
  if (!parsed) throw new Error(`DNS server "${text}" is not host:port`);
  return parsed;
}

/** The records, or the error code, and how long to keep them (null: not at all). */
function outcomeOf(reply: DnsReply, type: string): { outcome: Outcome; ttl: number | null } {
  const failure = rcodeErrors[reply.rcode];
  if (failure === 'ENOTFOUND') return { outcome: { code: failure }, ttl: negativeTtl(reply) };
  if (failure) return { outcome: { code: failure }, ttl: null };
  if (reply.rcode !== 'NOERROR') return { outcome: { code: 'ESERVFAIL' }, ttl: null };
  const matching = reply.answers.filter((answer) => answer.type === type);
  if (matching.length === 0) return { outcome: { code: 'ENODATA' }, ttl: negativeTtl(reply) };
  const ttl = Math.min(
    longestTtlSeconds,
    ...matching.map((answer) => ('ttl' in answer ? (answer.ttl ?? 0) : 0)),
  );
  return { outcome: { records: matching.map(recordOf) }, ttl };
}

/** RFC 2308: a negative answer holds for the SOA's minimum, capped by the SOA's own TTL. */
function negativeTtl(reply: DnsReply): number {
  const soa = reply.authorities.find((answer) => answer.type === 'SOA');
  if (soa?.type !== 'SOA') return negativeTtlSeconds;
  return Math.min(soa.data.minimum ?? negativeTtlSeconds, soa.ttl ?? negativeTtlSeconds);
}

/** One record as `dns.promises.resolve` gives it: TXT as its strings, MX as `{exchange, priority}`. */
function recordOf(answer: Answer): unknown {
  if (answer.type === 'TXT') {
    const parts = Array.isArray(answer.data) ? answer.data : [answer.data];
    return parts.map((part) => (typeof part === 'string' ? part : part.toString('utf8')));
  }
  if (answer.type === 'MX')
    return { exchange: answer.data.exchange, priority: answer.data.preference };
  return 'data' in answer ? answer.data : null;
}
