/** The words of RFC 8601 results, plus `unknown` when no check could be made. */
export const authResults = [
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'temperror',
  'permerror',
  'unknown',
] as const;
export type AuthResult = (typeof authResults)[number];

/** Where a verdict comes from: the SMTP connection itself, a trusted receiving server, or our own check of the message. */
export type AuthSource = 'smtp' | 'authentication-results' | 'verified';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

/** What was proven about who sent a message, as plain data. */
export interface SenderAuth {
  readonly spf: AuthResult;
  readonly dkim: AuthResult;
  readonly dmarc: AuthResult;
  readonly source: AuthSource;
  /** The From domain DMARC was evaluated for, when there was one. */
  readonly domain: string | null;
  /** The policy that domain publishes, when it publishes one. */
  readonly policy: DmarcPolicy | null;
  /** An ARC chain that passed and was sealed by a forwarder the admin trusts vouches for a forward. */
  readonly arc: AuthResult;
  readonly arcTrusted: boolean;
}

/** The `senderAuth` field of `export messages`, exactly as the export contract words it. */
export interface ExportedSenderAuth {
  readonly spf: AuthResult;
  readonly dkim: AuthResult;
  readonly dmarc: AuthResult;
  readonly source: AuthSource;
}

export function exportedSenderAuth(auth: SenderAuth): ExportedSenderAuth {
  return { spf: auth.spf, dkim: auth.dkim, dmarc: auth.dmarc, source: auth.source };
}

export function isAuthResult(value: unknown): value is AuthResult {
  return typeof value === 'string' && (authResults as readonly string[]).includes(value);
}

/**
 * Why a message's sender is not proven, or null when nothing disproves it.
 * Unauthenticated is: DMARC fails for a From domain that publishes a policy
 * (even `p=none`: the domain says which mail is its own), or DKIM fails
 * without an SPF pass. A trusted forwarder's passing ARC chain vouches for a
 * forward that broke both. A check that could not be made (`temperror`,
 * `unknown`) disproves nothing, and proves nothing either: it is never read
 * as a pass.
 *
 * @example
 * unauthenticatedReason({ spf: 'none', dkim: 'fail', dmarc: 'fail', domain: 'acme.com', policy: 'reject', … })
 * // 'sender not authenticated: DMARC fail for acme.com (p=reject)'
 */
export function unauthenticatedReason(auth: SenderAuth | null): string | null {
  if (!auth) return null;
  const vouched = auth.arc === 'pass' && auth.arcTrusted;
  if (vouched) return null;
  if (auth.dmarc === 'fail' && auth.policy !== null) {
    return `sender not authenticated: DMARC fail for ${auth.domain ?? 'the From domain'} (p=${auth.policy})`;
  }
  if (auth.dkim === 'fail' && auth.spf !== 'pass') {
    return `sender not authenticated: DKIM fail without SPF pass (SPF ${auth.spf})`;
  }
  return null;
}

/** A verdict as stored (JSON), or null when it is absent or not one. */
export function storedSenderAuth(value: unknown): SenderAuth | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const sources: readonly unknown[] = ['smtp', 'authentication-results', 'verified'];
  if (!isAuthResult(v.spf) || !isAuthResult(v.dkim) || !isAuthResult(v.dmarc)) return null;
  if (!sources.includes(v.source)) return null;
  const policies: readonly unknown[] = ['none', 'quarantine', 'reject'];
  return {
    spf: v.spf,
    dkim: v.dkim,
    dmarc: v.dmarc,
    source: v.source as AuthSource,
    domain: typeof v.domain === 'string' ? v.domain : null,
    policy: policies.includes(v.policy) ? (v.policy as DmarcPolicy) : null,
    arc: isAuthResult(v.arc) ? v.arc : 'none',
    arcTrusted: v.arcTrusted === true,
  };
}
