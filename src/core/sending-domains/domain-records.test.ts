import { describe, expect, it } from 'vitest';
import {
  allVerified,
  judgeDkim,
  judgeSpf,
  recordsToPublish,
  type SendingDomainKeys,
} from './domain-records.js';

const keys: SendingDomainKeys = {
  domain: 'example.com',
  selector: 'tl2026',
  publicKey: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAabc',
};
const found = (...texts: string[][]) => ({ records: texts });

describe('the records a sending domain publishes', () => {
  it('is the DKIM key at the selector, and no SPF record while no relay is named', () => {
    expect(recordsToPublish(keys, null)).toEqual([
      {
        kind: 'dkim',
        name: 'tl2026._domainkey.example.com',
        type: 'TXT',
        value: `v=DKIM1; k=rsa; p=${keys.publicKey}`,
      },
    ]);
  });

  it('adds an SPF include for the relay the organisation names', () => {
    expect(recordsToPublish(keys, 'spf.relay.example.net')[1]).toEqual({
      kind: 'spf',
      name: 'example.com',
      type: 'TXT',
      value: 'v=spf1 include:spf.relay.example.net ~all',
    });
  });
});

describe('judging the DKIM record found', () => {
  it('verifies our key, split into strings and spaced as DNS consoles publish it', () => {
    const verdict = judgeDkim(
      keys,
      found(['v=DKIM1; k=rsa; ', 'p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A', ' MIIBCgKCAQEAabc']),
    );
    expect(verdict).toMatchObject({ status: 'verified', name: 'tl2026._domainkey.example.com' });
  });

  it('says a key is missing when the name has no record, or only other text', () => {
    expect(judgeDkim(keys, { failure: 'no_record', detail: 'NXDOMAIN' })).toMatchObject({
      status: 'missing',
      words: 'No TXT record at tl2026._domainkey.example.com yet',
    });
    expect(judgeDkim(keys, found(['google-site-verification=abc']))).toMatchObject({
      status: 'missing',
    });
  });

  it('calls another key, a revoked key or two keys a mismatch, in words that say which', () => {
    expect(judgeDkim(keys, found(['v=DKIM1; p=MIIBother'])).words).toMatch(/another key/);
    expect(judgeDkim(keys, found(['v=DKIM1; p='])).words).toMatch(/revoked/);
    expect(
      judgeDkim(keys, found([`v=DKIM1; p=${keys.publicKey}`], ['v=DKIM1; p=MIIBother'])).words,
    ).toMatch(/2 DKIM keys/);
  });

  it('tells an unanswered lookup apart from a missing record', () => {
    expect(judgeDkim(keys, { failure: 'unreachable', detail: 'ETIMEOUT' })).toMatchObject({
      status: 'unreachable',
      words: 'DNS did not answer for tl2026._domainkey.example.com: ETIMEOUT',
    });
  });
});

describe('judging the SPF record found', () => {
  const relay = 'spf.relay.example.net';

  it('verifies one SPF record that includes the relay, whatever its other terms', () => {
    expect(
      judgeSpf('example.com', relay, found(['v=spf1 mx include:SPF.relay.example.net -all'])),
    ).toMatchObject({ status: 'verified' });
  });

  it('names what is wrong: no SPF, two SPF records, or the include left out', () => {
    expect(judgeSpf('example.com', relay, found(['some other text'])).words).toBe(
      'example.com has no SPF record',
    );
    expect(
      judgeSpf('example.com', relay, found(['v=spf1 -all'], [`v=spf1 include:${relay} -all`]))
        .words,
    ).toMatch(/2 SPF records/);
    expect(judgeSpf('example.com', relay, found(['v=spf1 include:other.net -all'])).words).toBe(
      `The SPF record of example.com lacks include:${relay}`,
    );
  });
});

describe('a domain as a whole', () => {
  it('is verified only when every record it needs is', () => {
    const dkim = judgeDkim(keys, found([`v=DKIM1; p=${keys.publicKey}`]));
    const spf = judgeSpf('example.com', 'relay.net', found(['v=spf1 -all']));
    expect(allVerified([dkim])).toBe(true);
    expect(allVerified([dkim, spf])).toBe(false);
    expect(allVerified([])).toBe(false);
  });
});
