import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import type { Database } from '../../adapters/db/database.js';
import {
  sendingDomainsRepository,
  type SendingDomainRow,
} from '../../adapters/db/repositories/sending-domains.js';
import { generateDkimKey, type DkimSigner } from '../../adapters/smtp/dkim.js';
import type { Clock } from '../../adapters/system/clock.js';
import { isOrganisationDomain } from '../../core/addresses/domain-name.js';
import { domainOf, normalizeDomain } from '../../core/addresses/normalize.js';
import { isFreeMailDomain } from '../../core/directory/index.js';
import { ThreadlineError } from '../../core/errors.js';
import {
  allVerified,
  dkimRecordName,
  judgeDkim,
  judgeSpf,
  recordsToPublish,
  type RecordToPublish,
  type RecordVerdict,
  type TxtLookup,
} from '../../core/sending-domains/domain-records.js';
import type { Actor, AuditLog } from '../sharing/audit-log.js';

/** A sending domain as the API shows it: the records to publish and the last check's verdicts. */
export interface SendingDomainView {
  readonly id: string;
  readonly domain: string;
  readonly selector: string;
  readonly records: RecordToPublish[];
  readonly checkedAt: Date | null;
  readonly verdicts: RecordVerdict[];
  readonly verifiedAt: Date | null;
}

/**
 * The domains the organisation signs its mail for: an admin adds one,
 * publishes the records shown, and asks for a check; once DNS carries them,
 * mail sent from an address at the domain leaves with a DKIM signature. A
 * check that no longer finds them stops the signing, so no mail goes out
 * with a signature receivers would fail.
 */
export function createSendingDomainService(deps: {
  database: Database;
  secrets: SecretBox;
  clock: Clock;
  audit: AuditLog;
  /** Asks DNS for the TXT records at a name, each time afresh. */
  lookupTxt: (name: string) => Promise<TxtLookup>;
  /** The relay mail leaves through, when the organisation names one: its SPF include. */
  spfInclude: string | null;
}) {
  const domains = sendingDomainsRepository(deps.database);

  const view = (row: SendingDomainRow): SendingDomainView => ({
    id: row.id,
    domain: row.domain,
    selector: row.selector,
    records: recordsToPublish(row, deps.spfInclude),
    checkedAt: row.checkedAt,
    verdicts: row.verdicts,
    verifiedAt: row.verifiedAt,
  });

  async function found(id: string): Promise<SendingDomainRow> {
    const row = await domains.find(id);
    if (!row) throw new ThreadlineError('NOT_FOUND', `No sending domain ${id}`);
    return row;
  }

  return {
    async list(): Promise<SendingDomainView[]> {
      return (await domains.list()).map(view);
    },

    /** A new key pair for the domain; VALIDATION_FAILED names what is wrong with the domain. */
    async add(actor: Actor, input: string): Promise<SendingDomainView> {
      const domain = normalizeDomain(input);
      if (!domain || !isOrganisationDomain(domain)) {
        throw new ThreadlineError('VALIDATION_FAILED', `"${input}" is not a domain name`);
      }
      if (isFreeMailDomain(domain)) {
        throw new ThreadlineError(
          'VALIDATION_FAILED',
          `${domain} is a free mail provider's domain: only its owner can publish records there`,
        );
      }
      const key = await generateDkimKey();
      const now = deps.clock.now();
      const added = await domains.add({
        domain,
        // A dated selector, so a later key can be published beside this one before it is retired.
        selector: `threadline${now.toISOString().slice(0, 10).replaceAll('-', '')}`,
        privateKey: deps.secrets.seal(key.privateKeyPem),
        publicKey: key.publicKey,
        createdBy: actor.id,
        at: now,
      });
      if (!added) throw new ThreadlineError('CONFLICT', `${domain} is a sending domain already`);
      await deps.audit.record(
        actor,
        'sending_domain.add',
        { type: 'sending_domain', id: added.id },
        { domain },
      );
      return view(added);
    },

    /** Looks the domain's records up now and keeps what was found. */
    async check(actor: Actor, id: string): Promise<SendingDomainView> {
      const row = await found(id);
      const [dkim, spf] = await Promise.all([
        deps.lookupTxt(dkimRecordName(row.domain, row.selector)),
        deps.spfInclude ? deps.lookupTxt(row.domain) : null,
      ]);
      const verdicts = [judgeDkim(row, dkim)];
      if (spf && deps.spfInclude) verdicts.push(judgeSpf(row.domain, deps.spfInclude, spf));
      const verified = allVerified(verdicts);
      const checked = await domains.recordCheck(id, verdicts, verified, deps.clock.now());
      if (!checked) throw new ThreadlineError('NOT_FOUND', `No sending domain ${id}`);
      if (verified !== (row.verifiedAt !== null)) {
        await deps.audit.record(
          actor,
          verified ? 'sending_domain.verified' : 'sending_domain.unverified',
          { type: 'sending_domain', id },
          { domain: row.domain, verdicts },
        );
      }
      return view(checked);
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const row = await found(id);
      await domains.remove(id);
      await deps.audit.record(
        actor,
        'sending_domain.remove',
        { type: 'sending_domain', id },
        { domain: row.domain },
      );
    },

    /** The key that signs mail from `address`, when its domain is verified. */
    async signerFor(address: string): Promise<DkimSigner | null> {
      const row = await domains.verifiedFor(domainOf(address.toLowerCase()));
      if (!row) return null;
      return {
        domain: row.domain,
        selector: row.selector,
        privateKeyPem: deps.secrets.open(row.privateKey),
      };
    },
  };
}

export type SendingDomainService = ReturnType<typeof createSendingDomainService>;
