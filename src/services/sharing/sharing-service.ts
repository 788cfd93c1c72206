import type { Database } from '../../adapters/db/database.js';
import { crmRecordsRepository } from '../../adapters/db/repositories/crm-records.js';
import {
  sharingRepository,
  type RecordShareRow,
  type SharingSettingsRow,
} from '../../adapters/db/repositories/sharing.js';
import type { Clock } from '../../adapters/system/clock.js';
import { normalizeDomain } from '../../core/addresses/normalize.js';
import { ThreadlineError } from '../../core/errors.js';
import { defaultSharing, type SharingMode } from '../../core/sharing/access.js';
import type { Actor, AuditLog } from './audit-log.js';

export interface SharingView {
  mode: SharingMode;
  excludedDomains: string[];
  imposedByAdmin: boolean;
  sharedWith: { id: string; email: string; name: string }[];
  recordShares: RecordShareRow[];
}

export interface OwnSharingInput {
  mode: SharingMode;
  excludedDomains: readonly string[];
  sharedWith: readonly string[];
  recordShares: readonly RecordShareRow[];
}

export interface ImposedSharingInput {
  mode: SharingMode;
  excludedDomains: readonly string[];
  /** False hands the choice back to the user, keeping the current values. */
  imposed: boolean;
}

/** Each user's sharing settings: their own choice, or one an admin imposes. Every change is audited. */
export function createSharingService(deps: { database: Database; clock: Clock; audit: AuditLog }) {
  const { database, clock, audit } = deps;
  const sharing = sharingRepository(database);
  const records = crmRecordsRepository(database);

  async function requireExistingUsers(ids: readonly string[], field: string) {
    const wanted = [...new Set(ids)];
    const found = new Set(await sharing.existingUserIds(wanted));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new ThreadlineError(
        'VALIDATION_FAILED',
        `${field}: no user with id ${missing.join(', ')}`,
      );
    }
  }

  async function requireUserExists(userId: string) {
    if ((await sharing.existingUserIds([userId])).length === 0) {
      throw new ThreadlineError('NOT_FOUND', `No user with id ${userId}`);
    }
  }

  async function view(userId: string): Promise<SharingView> {
    const [settings, sharedWith, recordShares] = await Promise.all([
      sharing.settingsOf(userId),
      sharing.namedSharesOf(userId),
      sharing.recordSharesOf(userId),
    ]);
    return {
      ...(settings ?? { ...defaultSharing, excludedDomains: [], imposedByAdmin: false }),
      sharedWith,
      recordShares,
    };
  }

  return {
    async get(userId: string): Promise<SharingView> {
      await requireUserExists(userId);
      return view(userId);
    },

    /** The colleagues a user can name in custom mode: everyone else, with name and e-mail only. */
    shareableUsers(userId: string) {
      return sharing.usersOtherThan(userId);
    },

    /**
     * The user's own choice. While an admin's setting is imposed, mode and
     * excluded domains stay as imposed; whom they share with is still theirs.
     */
    async updateOwn(actor: Actor, input: OwnSharingInput): Promise<SharingView> {
      await requireUserExists(actor.id);
      const before = await view(actor.id);
      const domains = normalizeDomains(input.excludedDomains);
      if (
        before.imposedByAdmin &&
        (input.mode !== before.mode || !sameSet(domains, before.excludedDomains))
      ) {
        throw new ThreadlineError(
          'FORBIDDEN',
          'An admin set your sharing mode and excluded domains; ask them to change it',
        );
      }
      if (
        input.sharedWith.includes(actor.id) ||
        input.recordShares.some((s) => s.userId === actor.id)
      ) {
        throw new ThreadlineError('VALIDATION_FAILED', 'You cannot share your mail with yourself');
      }
      await requireExistingUsers(
        [...input.sharedWith, ...input.recordShares.map((s) => s.userId)],
        'sharedWith',
      );
      for (const share of input.recordShares) {
        if (!(await records.recordExists(share.recordType, share.recordId))) {
          throw new ThreadlineError(
            'VALIDATION_FAILED',
            `recordShares: no ${share.recordType} with id ${share.recordId}`,
          );
        }
      }
      const settings: SharingSettingsRow = {
        mode: input.mode,
        excludedDomains: domains,
        imposedByAdmin: before.imposedByAdmin,
      };
      await database.transaction(async (tx) => {
        const repository = sharingRepository(tx);
        await repository.saveSettings(actor.id, settings, clock.now());
        await repository.replaceNamedShares(actor.id, input.sharedWith);
        await repository.replaceRecordShares(actor.id, input.recordShares);
      });
      const after = await view(actor.id);
      await audit.record(
        actor,
        'sharing.update',
        { type: 'user', id: actor.id },
        {
          before: summary(before),
          after: summary(after),
        },
      );
      return after;
    },

    /** An admin sets a user's mode and excluded domains, and whether the user may change them. */
    async impose(actor: Actor, userId: string, input: ImposedSharingInput): Promise<SharingView> {
      await requireUserExists(userId);
      const before = await view(userId);
      await sharing.saveSettings(
        userId,
        {
          mode: input.mode,
          excludedDomains: normalizeDomains(input.excludedDomains),
          imposedByAdmin: input.imposed,
        },
        clock.now(),
      );
      const after = await view(userId);
      await audit.record(
        actor,
        'sharing.impose',
        { type: 'user', id: userId },
        {
          before: summary(before),
          after: summary(after),
        },
      );
      return after;
    },
  };
}

export type SharingService = ReturnType<typeof createSharingService>;

function normalizeDomains(input: readonly string[]): string[] {
  const domains = input.map((raw) => {
    const domain = normalizeDomain(raw.replace(/^@/, ''));
    if (!domain || !domain.includes('.')) {
      throw new ThreadlineError('VALIDATION_FAILED', `excludedDomains: "${raw}" is not a domain`);
    }
    return domain;
  });
  return [...new Set(domains)].sort();
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((x) => left.has(x));
}

function summary(view: SharingView) {
  return {
    mode: view.mode,
    excludedDomains: view.excludedDomains,
    imposedByAdmin: view.imposedByAdmin,
    sharedWith: view.sharedWith.map((u) => u.id),
    recordShares: view.recordShares,
  };
}
