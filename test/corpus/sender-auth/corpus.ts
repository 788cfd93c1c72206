import { generateKeyPairSync } from 'node:crypto';
import { authenticate, dkimSign } from 'mailauth';
import type { SmtpEnvelope } from '../../../src/adapters/sender-auth/check-sender.js';
import type { TxtRecord } from '../../support/dns-server.js';
import { ips, specs, trustedSealer, type Spec } from './cases.js';

export { ips, trustedAuthservId, trustedSealer } from './cases.js';

/**
 * Test data only: a corpus of authentic and spoofed mail to our rep Sam,
 * signed with real DKIM keys whose public halves the test's DNS server
 * publishes. Domains: acme.example (DMARC p=reject), eu.acme.example
 * (p=none), quarantine.example (p=quarantine), startup.example (DKIM and a
 * soft SPF, no DMARC), quiet.example (nothing published), forward.example
 * (a forwarder that seals ARC), attacker.example (its own valid keys).
 */
export interface CorpusCase {
  readonly name: string;
  readonly spoofed: boolean;
  readonly raw: Buffer;
  /** Delivered over SMTP with this envelope; read from a mailbox when absent. */
  readonly smtp: SmtpEnvelope | null;
}

interface Key {
  readonly privatePem: string;
  readonly dnsText: string;
}

function newKey(): Key {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    dnsText: `v=DKIM1; k=rsa; p=${der}`,
  };
}

export function corpusKeys() {
  return {
    acme: newKey(),
    euAcme: newKey(),
    startup: newKey(),
    quarantine: newKey(),
    forward: newKey(),
    attacker: newKey(),
  };
}
export type CorpusKeys = ReturnType<typeof corpusKeys>;

export function corpusRecords(keys: CorpusKeys): TxtRecord[] {
  return [
    { name: 'acme.example', text: `v=spf1 ip4:${ips.acme} -all` },
    { name: 's1._domainkey.acme.example', text: keys.acme.dnsText },
    { name: '_dmarc.acme.example', text: 'v=DMARC1; p=reject' },
    { name: 'eu.acme.example', text: `v=spf1 ip4:${ips.euAcme} -all` },
    { name: 's1._domainkey.eu.acme.example', text: keys.euAcme.dnsText },
    { name: '_dmarc.eu.acme.example', text: 'v=DMARC1; p=none' },
    { name: 'quarantine.example', text: `v=spf1 ip4:${ips.quarantine} -all` },
    { name: 's1._domainkey.quarantine.example', text: keys.quarantine.dnsText },
    { name: '_dmarc.quarantine.example', text: 'v=DMARC1; p=quarantine' },
    { name: 'startup.example', text: `v=spf1 ip4:${ips.startup} ~all` },
    { name: 's1._domainkey.startup.example', text: keys.startup.dnsText },
    { name: 'forward.example', text: `v=spf1 ip4:${ips.forward} -all` },
    { name: 'arc._domainkey.forward.example', text: keys.forward.dnsText },
    { name: 'attacker.example', text: `v=spf1 ip4:${ips.attacker} -all` },
    { name: 's1._domainkey.attacker.example', text: keys.attacker.dnsText },
    { name: 'arc._domainkey.attacker.example', text: keys.attacker.dnsText },
  ];
}

let serial = 0;
function message(from: string, subject: string, extraHeaders = ''): string {
  serial += 1;
  const domain = from.split('@')[1]!;
  return (
    `${extraHeaders}From: ${from}\r\nTo: Sam <sam@northwind.example>\r\nSubject: ${subject}\r\n` +
    `Message-ID: <case-${serial}@${domain}>\r\nDate: Mon, 07 Dec 2026 01:00:00 +0000\r\n` +
    `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
    `Hi Sam, about the renewal (${serial}).\r\n`
  );
}

/** `raw` with a DKIM signature of `domain` by `key` on top. */
export async function signed(
  raw: string,
  domain: string,
  key: Key,
  selector = 's1',
): Promise<string> {
  // mailauth reads its signers from `signatureData`, which its type declaration omits.
  const options = {
    signatureData: [{ signingDomain: domain, selector, privateKey: key.privatePem }],
  };
  const result = await dkimSign(raw, options as unknown as Parameters<typeof dkimSign>[1]);
  return result.signatures + raw;
}

function smtp(ip: string, mailFrom: string): SmtpEnvelope {
  return { clientIp: ip, helo: `mail.${mailFrom.split('@')[1] ?? 'unknown.example'}`, mailFrom };
}

async function rawOf(spec: Spec, keys: CorpusKeys): Promise<string> {
  let raw = message(spec.from, spec.subject, spec.header);
  if (spec.alsoSignedBy)
    raw = await signed(raw, spec.alsoSignedBy.domain, keys[spec.alsoSignedBy.key]);
  if (spec.sign) raw = await signed(raw, spec.sign.domain, keys[spec.sign.key], spec.sign.selector);
  return spec.afterSigning ? spec.afterSigning(raw) : raw;
}

/**
 * A list's forward: acme's signed message with a footer the list added, so
 * acme's DKIM and DMARC fail, sealed with ARC by `sealer`.
 */
async function arcForward(
  keys: CorpusKeys,
  resolver: (name: string, type: string) => Promise<unknown[]>,
  sealer: string,
  key: Key,
): Promise<string> {
  const original = await signed(
    message('ada@acme.example', `Forwarded via ${sealer}`),
    'acme.example',
    keys.acme,
  );
  const footed = original.replace(/\r\n$/, '\r\n-- \r\nSent through the partners list\r\n');
  const sealed = await authenticate(footed, {
    resolver: resolver as never,
    ip: ips.forward,
    helo: `mail.${sealer}`,
    sender: `lists@${sealer}`,
    mta: `mx.${sealer}`,
    seal: { signingDomain: sealer, selector: 'arc', privateKey: key.privatePem },
  });
  return sealed.headers + footed;
}

/** The cases, each read over SMTP and from a mailbox where both readings mean something. */
export async function buildCorpus(
  keys: CorpusKeys,
  resolver: (name: string, type: string) => Promise<unknown[]>,
): Promise<CorpusCase[]> {
  const cases: CorpusCase[] = [];
  const add = (spec: Spec, raw: string) => {
    const bytes = Buffer.from(raw);
    const both = spec.ip !== null && !spec.smtpOnly;
    if (spec.ip !== null) {
      const envelope = smtp(spec.ip, spec.mailFrom ?? spec.from);
      cases.push({
        name: `${spec.name}${both ? ' (smtp)' : ''}`,
        spoofed: spec.spoofed,
        raw: bytes,
        smtp: envelope,
      });
    }
    if (spec.ip === null || both) {
      cases.push({
        name: `${spec.name}${both ? ' (mailbox)' : ''}`,
        spoofed: spec.spoofed,
        raw: bytes,
        smtp: null,
      });
    }
  };
  for (const spec of specs) add(spec, await rawOf(spec, keys));
  for (const [sealer, key, spoofed] of [
    [trustedSealer, keys.forward, false],
    ['attacker.example', keys.attacker, true],
  ] as const) {
    const spec = {
      name: `ARC-sealed forward by ${sealer}, body footer added`,
      spoofed,
      from: 'ada@acme.example',
      subject: '',
      ip: spoofed ? ips.attacker : ips.forward,
      mailFrom: `lists@${sealer}`,
    };
    add(spec, await arcForward(keys, resolver, sealer, key));
  }
  return cases;
}
