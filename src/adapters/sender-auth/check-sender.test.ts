import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from '../../../test/support/dns-server.js';
import { freePort } from '../../../test/support/dovecot.js';
import {
  corpusKeys,
  corpusRecords,
  ips,
  signed as signedBy,
} from '../../../test/corpus/sender-auth/corpus.js';
import { unauthenticatedReason } from '../../core/sender-auth/verdict.js';
import { cachingResolver } from './caching-resolver.js';
import { senderAuthChecker } from './check-sender.js';

const keys = corpusKeys();
let dns: DnsServer;
let silent: Socket;
let silentPort: number;

const plain =
  'From: Ada <ada@acme.example>\r\nTo: sam@northwind.example\r\nSubject: Renewal\r\n' +
  'Message-ID: <m1@acme.example>\r\nDate: Mon, 07 Dec 2026 01:00:00 +0000\r\n\r\nHi Sam\r\n';
let signed: string;

beforeAll(async () => {
  dns = await startDnsServer({ zones: ['example'], txt: corpusRecords(keys) });
  silentPort = await freePort();
  silent = createSocket('udp4');
  await new Promise<void>((resolve) => silent.bind(silentPort, '127.0.0.1', resolve));
  signed = await signedBy(plain, 'acme.example', keys.acme);
}, 60_000);
afterAll(async () => {
  silent?.close();
  await dns?.stop();
});

function checker(server: string, trustedAuthservIds: string[] = []) {
  return senderAuthChecker({
    resolver: cachingResolver({ server, timeoutMs: 150 }).resolve,
    trustedAuthservIds,
    trustedArcSealers: [],
    mta: 'capture.northwind.example',
  });
}

const envelope = { clientIp: ips.acme, helo: 'mail.acme.example', mailFrom: 'ada@acme.example' };

describe('checking who sent a message', () => {
  it('proves SPF, DKIM and DMARC from an SMTP connection', async () => {
    const auth = await checker(dns.address).fromSmtp(Buffer.from(signed), envelope);
    expect(auth).toMatchObject({ spf: 'pass', dkim: 'pass', dmarc: 'pass', source: 'smtp' });
    expect(auth).toMatchObject({ domain: 'acme.example', policy: 'reject' });
  });

  it('reads a DNS server that does not answer as temperror, never as a pass', async () => {
    const auth = await checker(`127.0.0.1:${silentPort}`).fromSmtp(Buffer.from(signed), envelope);
    expect(auth).toMatchObject({ spf: 'temperror', dkim: 'temperror', dmarc: 'temperror' });
    expect(unauthenticatedReason(auth)).toBeNull();
  });

  it('believes the receiving server only when the admin trusts its authserv-id', async () => {
    const header =
      'Authentication-Results: mx.northwind.example; spf=fail smtp.mailfrom=ada@acme.example;' +
      ' dkim=fail header.d=acme.example; dmarc=fail (p=reject) header.from=acme.example\r\n';
    const raw = Buffer.from(header + signed);
    const trusted = await checker(dns.address, ['MX.northwind.example']).fromStoredMail(raw, true);
    expect(trusted).toMatchObject({
      spf: 'fail',
      dkim: 'fail',
      dmarc: 'fail',
      source: 'authentication-results',
      policy: 'reject',
    });
    const untrusted = await checker(dns.address, ['mx.other.example']).fromStoredMail(raw, true);
    expect(untrusted).toMatchObject({ dkim: 'pass', dmarc: 'pass', source: 'verified' });
  });

  it('does not believe a trusted-looking header a sender wrote below the receiving server’s', async () => {
    const forged =
      'Authentication-Results: mx.northwind.example; dkim=pass header.d=acme.example; dmarc=pass header.from=acme.example\r\n';
    const receiver =
      'Authentication-Results: mx.northwind.example; spf=fail; dkim=none; dmarc=fail (p=reject) header.from=acme.example\r\n';
    const raw = Buffer.from(
      receiver + 'Received: from x by y; Mon, 07 Dec 2026 01:00:00 +0000\r\n' + forged + plain,
    );
    const auth = await checker(dns.address, ['mx.northwind.example']).fromStoredMail(raw, true);
    expect(auth).toMatchObject({ dmarc: 'fail', policy: 'reject' });
  });

  it('checks nothing from a header block alone without a trusted verdict', async () => {
    const headers = Buffer.from(signed.slice(0, signed.indexOf('\r\n\r\n') + 4));
    expect(await checker(dns.address).fromStoredMail(headers, false)).toBeNull();
  });

  it('gives a message that cannot be parsed no pass', async () => {
    const auth = await checker(dns.address).fromStoredMail(Buffer.from('not a message'), true);
    expect(auth?.dkim).not.toBe('pass');
    expect(auth?.dmarc).not.toBe('pass');
  });
});
