import { resolve } from 'node:path';
import { z } from 'zod';
import {
  defaultMailPorts,
  parseHostRule,
  parsePortRange,
  type MailHostPolicy,
} from '../core/network/mail-host-policy.js';

/**
 * Every setting Threadline reads from its environment, parsed once into a
 * frozen object. README.md documents each one; keep the two in step.
 */
const environmentSchema = z.object({
  THREADLINE_DATA_DIR: z.string().min(1).default('.threadline'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  THREADLINE_PUBLIC_URL: z.url().optional(),
  THREADLINE_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 bytes)')
    .optional(),
  THREADLINE_ADMIN_EMAIL: z.email().optional(),
  THREADLINE_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  THREADLINE_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
    .default('info'),
  THREADLINE_QUEUE: z.enum(['in-process', 'pg-boss']).optional(),
  THREADLINE_ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  THREADLINE_SYNC_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  THREADLINE_DAV_SYNC_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  THREADLINE_INBOX_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  THREADLINE_WORKER_MAX_MAILBOXES: z.coerce.number().int().min(0).max(100_000).default(2000),
  THREADLINE_WORKER_MAX_RSS_MB: z.coerce.number().int().min(1).max(1_000_000).default(2048),
  THREADLINE_WORKER_LOGINS_PER_SECOND: z.coerce.number().min(0.1).max(1000).default(50),
  THREADLINE_WORKER_POLL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  THREADLINE_BACKFILL_SLICE_MESSAGES: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .default(10_000),
  THREADLINE_BACKFILL_SLICE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  THREADLINE_METRICS: z.enum(['on', 'off']).default('off'),
  THREADLINE_SYNC_IN_SERVER: z.enum(['on', 'off']).default('on'),
  THREADLINE_MAIL_HOSTS_ALLOW: z.string().optional(),
  THREADLINE_MAIL_HOSTS_DENY: z.string().optional(),
  THREADLINE_MAIL_PORTS: z.string().optional(),
  THREADLINE_OAUTH_PROVIDERS: z.string().optional(),
  THREADLINE_TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/,
      'must be true, false, or proxy addresses and CIDRs separated by commas',
    )
    .default('false'),
  THREADLINE_READ_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  THREADLINE_SEND_UNDO_SECONDS: z.coerce.number().int().min(0).max(120).default(10),
  THREADLINE_VERIFY_SENDER_ADDRESSES: z.enum(['on', 'off']).default('on'),
  THREADLINE_SPF_INCLUDE: z
    .string()
    .trim()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain name, such as spf.relay.example.net')
    .optional(),
  THREADLINE_CAPTURE_DOMAIN: z
    .string()
    .regex(
      /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
      'must be a domain name',
    )
    .optional(),
  THREADLINE_CAPTURE_SMTP_HOST: z.string().min(1).optional(),
  THREADLINE_CAPTURE_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  THREADLINE_CAPTURE_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  THREADLINE_CAPTURE_SENDER_RATE: z.coerce.number().int().positive().default(60),
  THREADLINE_CAPTURE_TLS_CERT: z.string().min(1).optional(),
  THREADLINE_CAPTURE_TLS_KEY: z.string().min(1).optional(),
  THREADLINE_SENDER_AUTH: z.enum(['on', 'off']).default('off'),
  THREADLINE_DNS_SERVER: z
    .string()
    .regex(
      /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+)(:\d{1,5})?$/,
      'must be host or host:port ([::1]:53 for IPv6)',
    )
    .optional(),
  THREADLINE_DNS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2000),
  THREADLINE_TRUSTED_AUTHSERV_IDS: z.string().default(''),
  THREADLINE_TRUSTED_ARC_SEALERS: z.string().default(''),
});

export interface Config {
  /** Absolute data directory: embedded database, key file, attachments. */
  readonly dataDir: string;
  /** Server mode when set; embedded PostgreSQL in `dataDir` otherwise. */
  readonly databaseUrl: string | null;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string | null;
  readonly secretKeyHex: string | null;
  readonly firstAdmin: { readonly email: string; readonly password: string } | null;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** In-process for the embedded store, pg-boss (distributed) for a server unless chosen. */
  readonly queue: 'in-process' | 'pg-boss';
  readonly attachmentMaxBytes: number;
  /** A worker that stops renewing its lease on a mailbox loses it after this long. */
  readonly syncLeaseSeconds: number;
  /** How often every calendar and address book is synced; 0 syncs only on request. */
  readonly davSyncSeconds: number;
  /**
   * How often INBOX is looked at on a server that accepts IDLE but reports no
   * new mail in it (and until a server has been seen pushing).
   */
  readonly inboxPollSeconds: number;
  /**
   * A sync worker's (`threadline worker`) budget: mailboxes held (one IMAP
   * connection each), resident memory above which it takes no more, logins
   * per second at most, and how often folders other than INBOX are polled.
   */
  readonly worker: {
    readonly maxMailboxes: number;
    readonly maxRssMb: number;
    readonly loginsPerSecond: number;
    readonly pollSeconds: number;
  };
  /**
   * How much of a back-fill one sync pass takes in, in messages or seconds
   * whichever comes first, before the mailbox queues again behind the other
   * mailboxes waiting for a pass.
   */
  readonly backfillSlice: { readonly messages: number; readonly seconds: number };
  /** Whether `threadline start` syncs mailboxes itself; off when `threadline worker`s do. */
  readonly syncInServer: boolean;
  /** Prometheus text metrics on GET /metrics (THREADLINE_METRICS=on), for admins and loopback. */
  readonly metrics: boolean;
  /**
   * The mail servers users may make this server connect to:
   * THREADLINE_MAIL_HOSTS_ALLOW and THREADLINE_MAIL_HOSTS_DENY list host
   * names, `*.domain`, addresses and CIDR ranges (comma-separated);
   * THREADLINE_MAIL_PORTS lists ports and ranges (993,143,465,587,25 unless
   * set). Loopback, private, link-local and other internal addresses are
   * refused unless allowed.
   */
  readonly mailHosts: MailHostPolicy;
  /**
   * OAuth2 token endpoints by provider id, besides the built-in google and
   * microsoft: THREADLINE_OAUTH_PROVIDERS=`id=https://sso.example/token,…`.
   * Users pick a provider; they never give a token endpoint.
   */
  readonly oauthProviders: Readonly<Record<string, string>>;
  /**
   * Proxies believed about the client's address and protocol: none (false),
   * any (true), or those at the listed addresses and CIDRs. The sign-in
   * limit per client and HSTS over https depend on it behind a proxy.
   */
  readonly trustProxy: boolean | string;
  /** A request's read on a PostgreSQL server is cancelled after this long (QUERY_TIMEOUT). */
  readonly readTimeoutMs: number;
  /** Seconds after pressing send during which a message can still be taken back. */
  readonly sendUndoSeconds: number;
  /** A user's From address must be proved (mailbox login or mailed code) before the first send. */
  readonly verifySenderAddresses: boolean;
  /** The relay's SPF include a sending domain must publish (THREADLINE_SPF_INCLUDE), when mail leaves through one. */
  readonly spfInclude: string | null;
  /**
   * The capture address's SMTP receiver, started by `threadline start` when
   * THREADLINE_CAPTURE_DOMAIN is set: users BCC or forward mail to
   * `log+<secret>@` that domain (its MX must point here). It listens on
   * THREADLINE_CAPTURE_SMTP_HOST (HOST unless set) and
   * THREADLINE_CAPTURE_SMTP_PORT (2525), refuses messages over
   * THREADLINE_CAPTURE_MAX_BYTES (25 MiB) and more than
   * THREADLINE_CAPTURE_SENDER_RATE messages a minute from one sender (60),
   * and offers STARTTLS with the PEM files THREADLINE_CAPTURE_TLS_CERT and
   * THREADLINE_CAPTURE_TLS_KEY when both are set.
   */
  readonly capture: {
    readonly domain: string;
    readonly host: string;
    readonly port: number;
    readonly maxBytes: number;
    readonly messagesPerMinute: number;
    readonly tls: { readonly certFile: string; readonly keyFile: string } | null;
  } | null;
  /**
   * Sender authentication of mail read from mailboxes (THREADLINE_SENDER_AUTH=on):
   * DNS through THREADLINE_DNS_SERVER (the system's resolver unless set) with
   * THREADLINE_DNS_TIMEOUT_MS per lookup; the `Authentication-Results` of the
   * servers in THREADLINE_TRUSTED_AUTHSERV_IDS are believed, and ARC chains
   * sealed by THREADLINE_TRUSTED_ARC_SEALERS vouch for forwards (comma-separated).
   */
  readonly senderAuth: {
    readonly enabled: boolean;
    readonly dnsServer: string | null;
    readonly dnsTimeoutMs: number;
    readonly trustedAuthservIds: readonly string[];
    readonly trustedArcSealers: readonly string[];
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment, failing with every problem listed at once. */
export function loadConfig(
  environment: Record<string, string | undefined>,
  overrides: { dataDir?: string } = {},
): Config {
  const parsed = environmentSchema.safeParse(
    Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  const problems: string[] = [];
  if (Boolean(env.THREADLINE_ADMIN_EMAIL) !== Boolean(env.THREADLINE_ADMIN_PASSWORD)) {
    problems.push('THREADLINE_ADMIN_EMAIL and THREADLINE_ADMIN_PASSWORD must be set together');
  }
  const listed = <T>(name: string, text: string | undefined, parse: (entry: string) => T | null) =>
    (text ?? '')
      .split(',')
      .filter((entry) => entry.trim() !== '')
      .flatMap((entry) => {
        const parsed = parse(entry);
        if (parsed === null) problems.push(`${name}: "${entry.trim()}" is not valid`);
        return parsed === null ? [] : [parsed];
      });
  const allow = listed(
    'THREADLINE_MAIL_HOSTS_ALLOW',
    env.THREADLINE_MAIL_HOSTS_ALLOW,
    parseHostRule,
  );
  const deny = listed('THREADLINE_MAIL_HOSTS_DENY', env.THREADLINE_MAIL_HOSTS_DENY, parseHostRule);
  const ports = listed('THREADLINE_MAIL_PORTS', env.THREADLINE_MAIL_PORTS, parsePortRange);
  const oauthProviders = listed(
    'THREADLINE_OAUTH_PROVIDERS',
    env.THREADLINE_OAUTH_PROVIDERS,
    parseOAuthProvider,
  );
  if (Boolean(env.THREADLINE_CAPTURE_TLS_CERT) !== Boolean(env.THREADLINE_CAPTURE_TLS_KEY)) {
    problems.push(
      'THREADLINE_CAPTURE_TLS_CERT and THREADLINE_CAPTURE_TLS_KEY must be set together',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    dataDir: resolve(overrides.dataDir ?? env.THREADLINE_DATA_DIR),
    databaseUrl: env.DATABASE_URL ?? null,
    host: env.HOST,
    port: env.PORT,
    publicUrl: env.THREADLINE_PUBLIC_URL ?? null,
    secretKeyHex: env.THREADLINE_SECRET_KEY ?? null,
    firstAdmin:
      env.THREADLINE_ADMIN_EMAIL && env.THREADLINE_ADMIN_PASSWORD
        ? { email: env.THREADLINE_ADMIN_EMAIL, password: env.THREADLINE_ADMIN_PASSWORD }
        : null,
    logLevel: env.THREADLINE_LOG_LEVEL,
    queue: env.THREADLINE_QUEUE ?? (env.DATABASE_URL ? 'pg-boss' : 'in-process'),
    attachmentMaxBytes: env.THREADLINE_ATTACHMENT_MAX_BYTES,
    syncLeaseSeconds: env.THREADLINE_SYNC_LEASE_SECONDS,
    davSyncSeconds: env.THREADLINE_DAV_SYNC_SECONDS,
    inboxPollSeconds: env.THREADLINE_INBOX_POLL_SECONDS,
    worker: {
      maxMailboxes: env.THREADLINE_WORKER_MAX_MAILBOXES,
      maxRssMb: env.THREADLINE_WORKER_MAX_RSS_MB,
      loginsPerSecond: env.THREADLINE_WORKER_LOGINS_PER_SECOND,
      pollSeconds: env.THREADLINE_WORKER_POLL_SECONDS,
    },
    backfillSlice: {
      messages: env.THREADLINE_BACKFILL_SLICE_MESSAGES,
      seconds: env.THREADLINE_BACKFILL_SLICE_SECONDS,
    },
    metrics: env.THREADLINE_METRICS === 'on',
    syncInServer: env.THREADLINE_SYNC_IN_SERVER === 'on',
    mailHosts: { allow, deny, ports: ports.length > 0 ? ports : defaultMailPorts },
    oauthProviders: Object.fromEntries(oauthProviders),
    trustProxy: trustedProxies(env.THREADLINE_TRUST_PROXY),
    readTimeoutMs: env.THREADLINE_READ_TIMEOUT_MS,
    sendUndoSeconds: env.THREADLINE_SEND_UNDO_SECONDS,
    verifySenderAddresses: env.THREADLINE_VERIFY_SENDER_ADDRESSES === 'on',
    spfInclude: env.THREADLINE_SPF_INCLUDE?.toLowerCase() ?? null,
    capture: env.THREADLINE_CAPTURE_DOMAIN
      ? {
          domain: env.THREADLINE_CAPTURE_DOMAIN.toLowerCase(),
          host: env.THREADLINE_CAPTURE_SMTP_HOST ?? env.HOST,
          port: env.THREADLINE_CAPTURE_SMTP_PORT,
          maxBytes: env.THREADLINE_CAPTURE_MAX_BYTES,
          messagesPerMinute: env.THREADLINE_CAPTURE_SENDER_RATE,
          tls:
            env.THREADLINE_CAPTURE_TLS_CERT && env.THREADLINE_CAPTURE_TLS_KEY
              ? {
                  certFile: resolve(env.THREADLINE_CAPTURE_TLS_CERT),
                  keyFile: resolve(env.THREADLINE_CAPTURE_TLS_KEY),
                }
              : null,
        }
      : null,
    senderAuth: {
      enabled: env.THREADLINE_SENDER_AUTH === 'on',
      dnsServer: env.THREADLINE_DNS_SERVER ?? null,
      dnsTimeoutMs: env.THREADLINE_DNS_TIMEOUT_MS,
      trustedAuthservIds: commaList(env.THREADLINE_TRUSTED_AUTHSERV_IDS),
      trustedArcSealers: commaList(env.THREADLINE_TRUSTED_ARC_SEALERS),
    },
  });
}

/** `id=https://…/token`; http is accepted too, for a provider the admin runs on a trusted network. */
function parseOAuthProvider(entry: string): [string, string] | null {
  const match = /^([a-z0-9][a-z0-9_-]{0,63})=(\S+)$/i.exec(entry.trim());
  const url = match?.[2] && URL.canParse(match[2]) ? new URL(match[2]) : null;
  if (!match?.[1] || !url || !['https:', 'http:'].includes(url.protocol)) return null;
  return [match[1].toLowerCase(), url.href];
}

function commaList(setting: string): string[] {
  return setting
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
}

function trustedProxies(setting: string): boolean | string {
  if (setting === 'true' || setting === 'false') return setting === 'true';
  return setting
    .split(',')
    .map((proxy) => proxy.trim())
    .join(',');
}
