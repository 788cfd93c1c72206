import {
  isAuthResult,
  type AuthResult,
  type AuthSource,
  type DmarcPolicy,
  type SenderAuth,
} from '../../core/sender-auth/verdict.js';

/** The slice of mailauth's `authenticate` result read here. */
export interface MailauthOutcome {
  readonly spf?: { status?: { result?: string } } | false;
  readonly dkim?: {
    results?: readonly { status?: { result?: string; comment?: string } }[];
  };
  readonly dmarc?: { status?: { result?: string }; domain?: string; p?: string } | false;
  readonly arc?: { status?: { result?: string }; signature?: { signingDomain?: string } } | false;
}

/** The slice of a parsed `Authentication-Results` header (mailauth's header parser) read here. */
export interface ParsedAuthResults {
  readonly value?: string;
  readonly spf?: { value?: string };
  readonly dkim?: readonly { value?: string; header?: { d?: string } }[];
  readonly dmarc?: { value?: string; comment?: string; header?: { from?: string } };
  readonly arc?: { value?: string };
}

/**
 * Our verdict from mailauth's own checks. Without a client address SPF was
 * not checked (`unknown`). A body that no longer matches its signature is a
 * DKIM `fail` (RFC 6376 §6.3), which mailauth words `neutral`.
 */
export function verdictOfOutcome(
  outcome: MailauthOutcome,
  source: AuthSource,
  trustedSealers: ReadonlySet<string>,
): SenderAuth {
  const dmarc = outcome.dmarc || undefined;
  const arc = outcome.arc || undefined;
  const sealer = arc?.signature?.signingDomain?.toLowerCase() ?? null;
  return {
    spf: source === 'verified' ? 'unknown' : word((outcome.spf || undefined)?.status?.result),
    dkim: dkimSummary(
      (outcome.dkim?.results ?? []).map((row) =>
        row.status?.result === 'neutral' && /body hash/i.test(row.status.comment ?? '')
          ? 'fail'
          : word(row.status?.result),
      ),
    ),
    dmarc: dmarc ? word(dmarc.status?.result) : 'none',
    source,
    domain: dmarc?.domain?.toLowerCase() ?? null,
    policy: policyWord(dmarc?.p),
    arc: arc ? word(arc.status?.result) : 'none',
    arcTrusted: sealer !== null && trustedSealers.has(sealer),
  };
}

/** Our verdict from a trusted receiving server's `Authentication-Results`. */
export function verdictOfHeader(header: ParsedAuthResults): SenderAuth {
  const policy = /\bp=(none|quarantine|reject)\b/i.exec(header.dmarc?.comment ?? '');
  return {
    spf: header.spf ? word(header.spf.value) : 'none',
    dkim: dkimSummary((header.dkim ?? []).map((row) => word(row.value))),
    dmarc: header.dmarc ? word(header.dmarc.value) : 'none',
    source: 'authentication-results',
    domain: header.dmarc?.header?.from?.toLowerCase() ?? null,
    policy: policyWord(policy?.[1]),
    arc: header.arc ? word(header.arc.value) : 'none',
    // The receiving server weighed the chain already, in its own DMARC result.
    arcTrusted: false,
  };
}

/** One word for several signatures: any pass passes; else the first failure; `none` when unsigned. */
function dkimSummary(results: readonly AuthResult[]): AuthResult {
  if (results.length === 0) return 'none';
  if (results.includes('pass')) return 'pass';
  return results.find((result) => result !== 'none') ?? 'none';
}

function word(value: string | undefined): AuthResult {
  const lower = value?.toLowerCase();
  if (lower === 'hardfail') return 'fail';
  return isAuthResult(lower) ? lower : 'unknown';
}

function policyWord(value: string | undefined): DmarcPolicy | null {
  const lower = value?.toLowerCase();
  return lower === 'none' || lower === 'quarantine' || lower === 'reject' ? lower : null;
}
