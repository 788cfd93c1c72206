/**
 * The DNS records a sending domain needs before Threadline signs mail for it,
 * and what the records found in DNS say of each. Pure: the lookups are the
 * caller's.
 */

export type RecordKind = 'dkim' | 'spf';

/** A TXT record for the domain's administrator to publish, as it must read. */
export interface RecordToPublish {
  readonly kind: RecordKind;
  readonly name: string;
  readonly type: 'TXT';
  readonly value: string;
}

/** What DNS answered for one name: its TXT records (each as its strings), or why there was none. */
export type TxtLookup =
  | { readonly records: readonly (readonly string[])[] }
  | { readonly failure: 'no_record' | 'unreachable'; readonly detail: string };

export type RecordStatus = 'verified' | 'missing' | 'mismatch' | 'unreachable';

export interface RecordVerdict {
  readonly kind: RecordKind;
  readonly name: string;
  readonly status: RecordStatus;
  /** The verdict in words an admin acts on. */
  readonly words: string;
}

export interface SendingDomainKeys {
  readonly domain: string;
  readonly selector: string;
  /** The public key as DKIM's `p=` tag carries it: base64 of the DER SubjectPublicKeyInfo. */
  readonly publicKey: string;
}

export function dkimRecordName(domain: string, selector: string): string {
  return `${selector}._domainkey.${domain}`;
}

/**
 * The records to publish: the DKIM key always; an SPF `include:` only when
 * mail leaves through a relay the organisation names (`spfInclude`), since
 * mail sent through each user's own mailbox is covered by their provider's.
 */
export function recordsToPublish(
  keys: SendingDomainKeys,
  spfInclude: string | null,
): RecordToPublish[] {
  const dkim: RecordToPublish = {
    kind: 'dkim',
    name: dkimRecordName(keys.domain, keys.selector),
    type: 'TXT',
    value: `v=DKIM1; k=rsa; p=${keys.publicKey}`,
  };
  if (!spfInclude) return [dkim];
  return [
    dkim,
    { kind: 'spf', name: keys.domain, type: 'TXT', value: `v=spf1 include:${spfInclude} ~all` },
  ];
}

/** DKIM's tag list (RFC 6376 §3.2): `k=v` pairs split by `;`, white space ignored. */
function dkimTags(text: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    tags.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).replace(/\s+/g, ''));
  }
  return tags;
}

/** The TXT texts found at `name`, or the verdict when DNS gave none. */
function textsAt(
  kind: RecordKind,
  name: string,
  lookup: TxtLookup,
): { texts: string[] } | { verdict: RecordVerdict } {
  if ('records' in lookup) return { texts: lookup.records.map((strings) => strings.join('')) };
  return lookup.failure === 'unreachable'
    ? {
        verdict: {
          kind,
          name,
          status: 'unreachable',
          words: `DNS did not answer for ${name}: ${lookup.detail}`,
        },
      }
    : { verdict: { kind, name, status: 'missing', words: `No TXT record at ${name} yet` } };
}

/** Whether the DKIM record at the selector's name carries exactly our public key. */
export function judgeDkim(keys: SendingDomainKeys, lookup: TxtLookup): RecordVerdict {
  const name = dkimRecordName(keys.domain, keys.selector);
  const found = textsAt('dkim', name, lookup);
  if ('verdict' in found) return found.verdict;
  const keysFound = found.texts
    .map(dkimTags)
    .filter((tags) => tags.has('p') && (tags.get('v') ?? 'DKIM1') === 'DKIM1');
  if (keysFound.length === 0) {
    return {
      kind: 'dkim',
      name,
      status: 'missing',
      words: `No DKIM key among the TXT records at ${name}`,
    };
  }
  if (keysFound.length > 1) {
    return {
      kind: 'dkim',
      name,
      status: 'mismatch',
      words: `${keysFound.length} DKIM keys at ${name}: publish only the one shown`,
    };
  }
  const tags = keysFound[0]!;
  if (tags.get('p') === '') {
    return {
      kind: 'dkim',
      name,
      status: 'mismatch',
      words: `The key at ${name} is revoked (empty p=)`,
    };
  }
  if (tags.get('p') !== keys.publicKey) {
    return {
      kind: 'dkim',
      name,
      status: 'mismatch',
      words: `The key at ${name} is another key than this domain's: copy the value shown again`,
    };
  }
  return { kind: 'dkim', name, status: 'verified', words: `DKIM key published at ${name}` };
}

/** Whether the domain's one SPF record lets the named relay send for it. */
export function judgeSpf(domain: string, include: string, lookup: TxtLookup): RecordVerdict {
  const found = textsAt('spf', domain, lookup);
  if ('verdict' in found) return found.verdict;
  const spf = found.texts.filter((text) => /^v=spf1(\s|$)/i.test(text.trim()));
  if (spf.length === 0) {
    return { kind: 'spf', name: domain, status: 'missing', words: `${domain} has no SPF record` };
  }
  if (spf.length > 1) {
    return {
      kind: 'spf',
      name: domain,
      status: 'mismatch',
      words: `${domain} has ${spf.length} SPF records; receivers treat that as an error: merge them into one`,
    };
  }
  const terms = spf[0]!.trim().toLowerCase().split(/\s+/);
  if (
    !terms.some(
      (term) => /^[+]?include:/.test(term) && term.split(':')[1] === include.toLowerCase(),
    )
  ) {
    return {
      kind: 'spf',
      name: domain,
      status: 'mismatch',
      words: `The SPF record of ${domain} lacks include:${include}`,
    };
  }
  return {
    kind: 'spf',
    name: domain,
    status: 'verified',
    words: `SPF of ${domain} includes ${include}`,
  };
}

/** A domain is verified once every record it needs is. */
export function allVerified(verdicts: readonly RecordVerdict[]): boolean {
  return verdicts.length > 0 && verdicts.every((verdict) => verdict.status === 'verified');
}
