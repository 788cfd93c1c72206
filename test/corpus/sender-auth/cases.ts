/** Test data only: the cases of the sender authentication corpus (see corpus.ts). */

export const ips = {
  acme: '192.0.2.10',
  euAcme: '192.0.2.11',
  startup: '192.0.2.12',
  quarantine: '192.0.2.13',
  forward: '192.0.2.30',
  attacker: '198.51.100.66',
} as const;

export const trustedAuthservId = 'mx.northwind.example';
export const trustedSealer = 'forward.example';

/** The DKIM keys the corpus signs with: each domain's own, and an attacker's. */
export type KeyName = 'acme' | 'euAcme' | 'startup' | 'quarantine' | 'forward' | 'attacker';

/** One case: who it claims to be from, who signed it, and how it reaches us. */
export interface Spec {
  readonly name: string;
  readonly spoofed: boolean;
  readonly from: string;
  readonly subject: string;
  readonly sign?: { domain: string; key: KeyName; selector?: string };
  /** Also signed by another domain first (a second, unaligned signature). */
  readonly alsoSignedBy?: { domain: string; key: KeyName };
  /** The connecting client for the SMTP reading; null: read from a mailbox only. */
  readonly ip: string | null;
  readonly mailFrom?: string;
  /** Read over SMTP only (its verdict rests on SPF, which a mailbox reading cannot check). */
  readonly smtpOnly?: boolean;
  readonly header?: string;
  readonly afterSigning?: (raw: string) => string;
}

const results = (id: string, words: string) => `Authentication-Results: ${id}; ${words}\r\n`;

export const specs: readonly Spec[] = [
  ...['ada@acme.example', 'newcomer@acme.example'].map((from) => ({
    name: `signed by acme, from ${from}`,
    spoofed: false,
    from,
    subject: 'Renewal',
    sign: { domain: 'acme.example', key: 'acme' as const },
    ip: ips.acme,
  })),
  {
    name: 'unsigned acme, SPF pass',
    spoofed: false,
    from: 'ada@acme.example',
    subject: 'Hi',
    ip: ips.acme,
    smtpOnly: true,
  },
  ...['bob@eu.acme.example', 'eve@eu.acme.example'].map((from) => ({
    name: `signed by eu.acme, from ${from}`,
    spoofed: false,
    from,
    subject: 'Rollout',
    sign: { domain: 'eu.acme.example', key: 'euAcme' as const },
    ip: ips.euAcme,
  })),
  {
    name: 'signed by quarantine',
    spoofed: false,
    from: 'q@quarantine.example',
    subject: 'Offer',
    sign: { domain: 'quarantine.example', key: 'quarantine' },
    ip: ips.quarantine,
  },
  {
    name: 'signed by startup (no DMARC)',
    spoofed: false,
    from: 'lena@startup.example',
    subject: 'Trial',
    sign: { domain: 'startup.example', key: 'startup' },
    ip: ips.startup,
  },
  {
    name: 'startup unsigned, SPF pass',
    spoofed: false,
    from: 'lena@startup.example',
    subject: 'Call',
    ip: ips.startup,
    smtpOnly: true,
  },
  ...['pat@quiet.example', 'kai@quiet.example'].map((from) => ({
    name: `quiet.example publishes nothing, from ${from}`,
    spoofed: false,
    from,
    subject: 'Hello',
    ip: '203.0.113.5',
  })),
  {
    name: 'signed by acme and a third party',
    spoofed: false,
    from: 'ada@acme.example',
    subject: 'Note',
    sign: { domain: 'acme.example', key: 'acme' },
    alsoSignedBy: { domain: 'attacker.example', key: 'attacker' },
    ip: ips.acme,
  },
  {
    name: 'trusted server says pass',
    spoofed: false,
    from: 'ada@acme.example',
    subject: 'Invoice',
    ip: null,
    header: results(
      trustedAuthservId,
      'spf=pass smtp.mailfrom=ada@acme.example; dkim=pass header.d=acme.example; dmarc=pass (p=reject) header.from=acme.example',
    ),
  },
  {
    name: 'trusted server says pass, unsigned newcomer',
    spoofed: false,
    from: 'nina@acme.example',
    subject: 'Intro',
    ip: null,
    header: results(trustedAuthservId, 'spf=pass; dmarc=pass (p=reject) header.from=acme.example'),
  },

  ...['ada@acme.example', 'ceo@acme.example'].flatMap((from) => [
    {
      name: `acme signed with a wrong key, from ${from}`,
      spoofed: true,
      from,
      subject: 'Urgent wire',
      sign: { domain: 'acme.example', key: 'attacker' as const },
      ip: ips.attacker,
    },
    {
      name: `acme body changed after signing, from ${from}`,
      spoofed: true,
      from,
      subject: 'Bank details',
      sign: { domain: 'acme.example', key: 'acme' as const },
      ip: ips.attacker,
      afterSigning: (raw: string) => raw.replace('renewal', 'new bank account'),
    },
  ]),
  {
    name: 'From acme, signed by attacker.example (not aligned)',
    spoofed: true,
    from: 'ada@acme.example',
    subject: 'Payment',
    sign: { domain: 'attacker.example', key: 'attacker' },
    ip: ips.attacker,
    mailFrom: 'bounce@attacker.example',
  },
  {
    name: 'acme unsigned from a foreign IP (SPF fail)',
    spoofed: true,
    from: 'ada@acme.example',
    subject: 'Login',
    ip: ips.attacker,
    smtpOnly: true,
  },
  {
    name: 'acme unsigned from a foreign IP, other person',
    spoofed: true,
    from: 'cfo@acme.example',
    subject: 'Gift cards',
    ip: ips.attacker,
    smtpOnly: true,
  },
  {
    name: 'acme signature whose selector has no DNS record',
    spoofed: true,
    from: 'ada@acme.example',
    subject: 'Contract',
    sign: { domain: 'acme.example', key: 'attacker', selector: 'missing' },
    ip: ips.attacker,
  },
  {
    name: 'eu.acme (p=none) unsigned from a foreign IP',
    spoofed: true,
    from: 'bob@eu.acme.example',
    subject: 'Update',
    ip: ips.attacker,
    smtpOnly: true,
  },
  {
    name: 'eu.acme (p=none) wrong key',
    spoofed: true,
    from: 'bob@eu.acme.example',
    subject: 'Docs',
    sign: { domain: 'eu.acme.example', key: 'attacker' },
    ip: ips.attacker,
  },
  {
    name: 'quarantine wrong key',
    spoofed: true,
    from: 'q@quarantine.example',
    subject: 'Refund',
    sign: { domain: 'quarantine.example', key: 'attacker' },
    ip: ips.attacker,
  },
  {
    name: 'startup (no DMARC) wrong key, SPF softfail',
    spoofed: true,
    from: 'lena@startup.example',
    subject: 'Reset',
    sign: { domain: 'startup.example', key: 'attacker' },
    ip: ips.attacker,
  },
  {
    name: 'untrusted Authentication-Results claiming pass, wrong key',
    spoofed: true,
    from: 'ada@acme.example',
    subject: 'Quick favour',
    sign: { domain: 'acme.example', key: 'attacker' },
    ip: null,
    header: results(
      'mx.attacker.example',
      'spf=pass; dkim=pass header.d=acme.example; dmarc=pass header.from=acme.example',
    ),
  },
  {
    name: 'trusted server says DMARC fail',
    spoofed: true,
    from: 'ada@acme.example',
    subject: 'Overdue',
    ip: null,
    header: results(
      trustedAuthservId,
      'spf=fail smtp.mailfrom=ada@acme.example; dkim=none; dmarc=fail (p=reject) header.from=acme.example',
    ),
  },
  {
    name: 'trusted server says DKIM fail, SPF softfail',
    spoofed: true,
    from: 'lena@startup.example',
    subject: 'Hurry',
    ip: null,
    header: results(
      trustedAuthservId,
      'spf=softfail smtp.mailfrom=lena@startup.example; dkim=fail header.d=startup.example',
    ),
  },
];
