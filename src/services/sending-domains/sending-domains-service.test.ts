import { randomBytes } from 'node:crypto';
import { dkimVerify } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  startDnsServer,
  type DnsServer,
  type TxtRecord,
} from '../../../test/support/dns-server.js';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import { startPostfix, type PostfixServer } from '../../../test/support/postfix.js';
import {
  connectSendingMailbox,
  draft,
  folderHeaders,
  handClock,
  sendingParts,
  sender,
} from '../../../test/support/sending-world.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { cachingResolver } from '../../adapters/sender-auth/caching-resolver.js';
import { createSecretBox } from '../../adapters/crypto/secret-box.js';
import { txtLookup } from '../../adapters/dns/txt-lookup.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { createOutboxWorker } from '../send/outbox-worker.js';
import { createSendingDomainService } from './sending-domains-service.js';

const secrets = createSecretBox(randomBytes(32));
let dovecot: DovecotServer;
let postfix: PostfixServer;
beforeAll(async () => {
  dovecot = await startDovecot({ delivery: true });
  postfix = await startPostfix(dovecot);
}, 60_000);
afterAll(async () => {
  await postfix?.stop();
  await dovecot?.stop();
});

describe.each(testBackends())('sending domains on the %s backend', (backend) => {
  const domain = `${backend}.acme.test`;
  const rep = { user: `rep@${domain}`, password: 'rep-secret-3' };
  const customer = { user: `erin-dkim-${backend}@customer.test`, password: 'erin-secret-3' };
  let core: App & { readonly databaseUrl: string | null };
  let admin: UserRow;
  let dns: DnsServer | null = null;

  /** DNS as the domain's administrator has published it so far. */
  const publish = async (txt: TxtRecord[]) => {
    await dns?.stop();
    dns = await startDnsServer({ zones: ['acme.test', 'threadline.test'], txt, ttlSeconds: 1 });
  };
  const domainsWith = (spfInclude: string | null) =>
    createSendingDomainService({
      database: core.database,
      secrets,
      clock: core.clock,
      audit: core.audit,
      lookupTxt: (name) => txtLookup({ server: dns!.address, timeoutMs: 1500 })(name),
      spfInclude,
    });

  beforeAll(async () => {
    await dovecot.addUser(rep.user, rep.password);
    await dovecot.addUser(customer.user, customer.password);
    core = await openTestApp(backend);
    admin = await sender(core);
    await publish([]);
  }, 60_000);
  afterAll(async () => {
    await dns?.stop();
    await core?.close();
  });

  it('refuses what is not a domain of the organisation’s own, naming why', async () => {
    const domains = domainsWith(null);
    await expect(domains.add(admin, 'not a domain')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '"not a domain" is not a domain name',
    });
    await expect(domains.add(admin, 'co.uk')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(domains.add(admin, 'Gmail.com')).rejects.toMatchObject({
      message: expect.stringMatching(/free mail provider/),
    });
  });

  it('signs nothing until DNS carries its key, then signs, and stops when the key is gone', async () => {
    const domains = domainsWith(null);
    const added = await domains.add(admin, domain.toUpperCase());
    expect(added).toMatchObject({ domain, verifiedAt: null, verdicts: [] });
    expect(added.records).toHaveLength(1);
    const [dkim] = added.records;
    expect(dkim).toMatchObject({ kind: 'dkim', name: `${added.selector}._domainkey.${domain}` });
    await expect(domains.add(admin, domain)).rejects.toMatchObject({ code: 'CONFLICT' });

    const unpublished = await domains.check(admin, added.id);
    expect(unpublished.verdicts).toEqual([
      expect.objectContaining({ kind: 'dkim', status: 'missing' }),
    ]);
    expect(await domains.signerFor(rep.user)).toBeNull();

    await publish([{ name: dkim!.name, text: dkim!.value }]);
    const published = await domains.check(admin, added.id);
    expect(published.verdicts).toEqual([
      expect.objectContaining({ kind: 'dkim', status: 'verified' }),
    ]);
    expect(published.verifiedAt).not.toBeNull();
    expect(await domains.signerFor(rep.user.toUpperCase())).toMatchObject({
      domain,
      selector: added.selector,
    });

    await publish([{ name: dkim!.name, text: 'v=DKIM1; k=rsa; p=' }]);
    const revoked = await domains.check(admin, added.id);
    expect(revoked.verdicts[0]).toMatchObject({
      status: 'mismatch',
      words: expect.stringMatching(/revoked/),
    });
    expect(revoked.verifiedAt).toBeNull();
    expect(await domains.signerFor(rep.user)).toBeNull();

    const audited = await core.audit.page({ limit: 10, before: null, targetId: added.id });
    expect(audited.items.map((entry) => entry.action)).toEqual([
      'sending_domain.unverified',
      'sending_domain.verified',
      'sending_domain.add',
    ]);
    await domains.remove(admin, added.id);
  });

  it('asks for the relay’s SPF include when mail leaves through one, and says when DNS is down', async () => {
    const domains = domainsWith('spf.relay.test');
    const added = await domains.add(admin, `spf.${domain}`);
    const [dkim, spf] = added.records;
    expect(spf).toEqual({
      kind: 'spf',
      name: `spf.${domain}`,
      type: 'TXT',
      value: 'v=spf1 include:spf.relay.test ~all',
    });
    await publish([
      { name: dkim!.name, text: dkim!.value },
      { name: `spf.${domain}`, text: 'v=spf1 mx -all' },
    ]);
    const partly = await domains.check(admin, added.id);
    expect(partly.verdicts.map((v) => v.status)).toEqual(['verified', 'mismatch']);
    expect(partly.verifiedAt).toBeNull();

    await dns!.stop();
    const unreachable = await domains.check(admin, added.id);
    expect(unreachable.verdicts.map((v) => v.status)).toEqual(['unreachable', 'unreachable']);
    await publish([]);
    await domains.remove(admin, added.id);
    await expect(domains.check(admin, added.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('delivers mail from a verified domain with a DKIM signature receivers verify, Sent copy too', async () => {
    const domains = domainsWith(null);
    // Mail leaves From the user's own address, whichever mailbox carries it.
    const ownDomain = admin.email.split('@')[1]!;
    const added = await domains.add(admin, ownDomain);
    const [dkim] = added.records;
    await publish([{ name: dkim!.name, text: dkim!.value }]);
    await domains.check(admin, added.id);
    const signing = { user: `rep@mail.${domain}`, password: 'rep-secret-4' };
    await dovecot.addUser(signing.user, signing.password);
    const mailboxId = (await connectSendingMailbox(core, admin, { dovecot, postfix }, signing)).id;
    const clock = handClock();
    const { send } = sendingParts(core, clock);
    const worker = createOutboxWorker({
      ...core,
      openSession: core.openMailboxSession,
      clock,
      workerId: 'dkim-worker',
      sendingDomains: domains,
    });
    const subject = `Signed proposal ${backend}`;
    await send.send(admin, draft({ mailboxId, to: [customer.user], subject }));
    expect(await worker.sendDue()).toEqual([
      expect.objectContaining({ sent: true, sentCopy: 'appended' }),
    ]);
    await postfix.drain();

    const lookup = cachingResolver({ server: dns!.address, timeoutMs: 1500 }).resolve;
    const resolver = (name: string, type: string) => lookup(name, type) as Promise<string[][]>;
    const [delivered] = (await folderHeaders(dovecot, customer, 'INBOX')).filter(
      (m) => m.subject === subject,
    );
    const [sentCopy] = (await folderHeaders(dovecot, signing, 'Sent')).filter(
      (m) => m.subject === subject,
    );
    for (const source of [delivered!.source, sentCopy!.source]) {
      const verdict = await dkimVerify(Buffer.from(source), { resolver });
      expect(verdict.results).toEqual([
        expect.objectContaining({
          signingDomain: ownDomain,
          selector: added.selector,
          status: expect.objectContaining({ result: 'pass' }),
        }),
      ]);
    }
    await domains.remove(admin, added.id);
  });

  it('leaves mail unsigned while its domain is not a verified sending domain', async () => {
    const unsigned = { user: `rep@other-${backend}.test`, password: 'rep-secret-5' };
    await dovecot.addUser(unsigned.user, unsigned.password);
    const mailboxId = (await connectSendingMailbox(core, admin, { dovecot, postfix }, unsigned)).id;
    const clock = handClock();
    const { send } = sendingParts(core, clock);
    const worker = createOutboxWorker({
      ...core,
      openSession: core.openMailboxSession,
      clock,
      workerId: 'dkim-worker-2',
      sendingDomains: domainsWith(null),
    });
    const subject = `Unsigned note ${backend}`;
    await send.send(admin, draft({ mailboxId, to: [customer.user], subject }));
    await worker.sendDue();
    await postfix.drain();
    const [delivered] = (await folderHeaders(dovecot, customer, 'INBOX')).filter(
      (m) => m.subject === subject,
    );
    expect(delivered!.source).not.toMatch(/^DKIM-Signature:/im);
  });
});
