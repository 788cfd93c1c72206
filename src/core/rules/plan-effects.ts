import type { Firing } from './evaluate-rules.js';
import type { MessageFacts } from './facts.js';
import type { OwnerChoice } from './rule.js';

/** The people and tables owner choices read. */
export interface AssignmentDirectory {
  readonly users: readonly {
    readonly id: string;
    readonly role: 'admin' | 'manager' | 'rep';
    readonly managerId: string | null;
    readonly active: boolean;
  }[];
  /** Team id to its members, in their order. */
  readonly teams: ReadonlyMap<string, readonly string[]>;
  /** Team id to its manager, for the teams that name one. */
  readonly teamManagers: ReadonlyMap<string, string>;
  /** Country (ISO alpha-2) to the rep who owns it. */
  readonly territories: ReadonlyMap<string, string>;
}

/**
 * Who may get something: one of `userIds`, taken in turn when `rotation`
 * names a counter (round robin), else the first. Empty: nobody fits.
 */
export interface OwnerPick {
  readonly userIds: readonly string[];
  readonly rotation: string | null;
  readonly why: string;
}

/** What a firing does, with its targets resolved: what is stored, and what a dry run shows. */
export type Effect =
  | {
      readonly kind: 'create_lead' | 'create_contact';
      readonly owner: OwnerPick;
      readonly email: string;
      readonly name: string;
      readonly country: string | null;
    }
  | {
      readonly kind: 'create_task';
      readonly owner: OwnerPick;
      readonly title: string;
      readonly dueInBusinessHours: number;
    }
  | {
      readonly kind: 'set_owner';
      readonly recordType: 'account' | 'contact' | 'lead' | 'deal';
      readonly recordId: string;
      readonly owner: OwnerPick;
    }
  | { readonly kind: 'add_to_deal'; readonly dealId: string }
  | { readonly kind: 'notify'; readonly owner: OwnerPick; readonly text: string }
  | { readonly kind: 'webhook'; readonly endpointId: string };

/**
 * The candidates for an owner choice. A territory names its rep, else the
 * fallback; a role or team rotates among its active members; the mailbox's
 * owner is the person whose mail it is.
 */
export function ownerPick(
  choice: OwnerChoice,
  facts: MessageFacts,
  directory: AssignmentDirectory,
): OwnerPick {
  const active = new Set(directory.users.filter((u) => u.active).map((u) => u.id));
  switch (choice.kind) {
    case 'user':
      return {
        userIds: active.has(choice.userId) ? [choice.userId] : [],
        rotation: null,
        why: 'named user',
      };
    case 'role':
      return {
        userIds: directory.users.filter((u) => u.active && u.role === choice.role).map((u) => u.id),
        rotation: `role:${choice.role}`,
        why: `round robin among ${choice.role}s`,
      };
    case 'round_robin':
      return {
        userIds: (directory.teams.get(choice.teamId) ?? []).filter((id) => active.has(id)),
        rotation: `team:${choice.teamId}`,
        why: 'round robin in the team',
      };
    case 'territory': {
      const rep = facts.country ? directory.territories.get(facts.country) : undefined;
      if (rep && active.has(rep)) {
        return { userIds: [rep], rotation: null, why: `territory ${facts.country}` };
      }
      const fallback = choice.fallbackUserId;
      return {
        userIds: fallback && active.has(fallback) ? [fallback] : [],
        rotation: null,
        why: `no territory for ${facts.country ?? 'an unknown country'}`,
      };
    }
    case 'mailbox_owner':
      return { userIds: [facts.mailboxOwnerId], rotation: null, why: 'mailbox owner' };
  }
}

/** The one user of a pick, given the turn its rotation is at. */
export function settleOwner(pick: OwnerPick, turn: number): string | null {
  if (pick.userIds.length === 0) return null;
  return pick.userIds[pick.rotation === null ? 0 : turn % pick.userIds.length] ?? null;
}

/** The sender's display name, or the local part of the address when there is none. */
function senderName(facts: MessageFacts): string {
  return facts.senderName.trim() || (facts.sender.split('@')[0] ?? facts.sender);
}

/**
 * What each action of a firing does to this message's records. An action
 * that has nothing to act on (assigning deals when none is linked) does
 * nothing rather than failing the rest.
 */
export function planEffects(firing: Firing, directory: AssignmentDirectory): Effect[] {
  const { facts } = firing;
  return firing.actions.flatMap((action): Effect[] => {
    switch (action.kind) {
      case 'create_lead':
      case 'create_contact':
        return [
          {
            kind: action.kind,
            owner: ownerPick(action.owner, facts, directory),
            email: facts.sender,
            name: senderName(facts),
            country: facts.country,
          },
        ];
      case 'create_task':
        return [
          {
            kind: 'create_task',
            owner: ownerPick(action.owner, facts, directory),
            title: action.title,
            dueInBusinessHours: action.dueInBusinessHours,
          },
        ];
      case 'assign_record':
        return facts.records
          .filter((r) => r.type === action.recordType)
          .map((r) => ({
            kind: 'set_owner' as const,
            recordType: action.recordType,
            recordId: r.id,
            owner: ownerPick(action.owner, facts, directory),
          }));
      case 'add_to_deal':
        return [{ kind: 'add_to_deal', dealId: action.dealId }];
      case 'escalate': {
        const manager = managerOf(facts, directory);
        return [
          {
            kind: 'notify',
            owner: { userIds: manager ? [manager] : [], rotation: null, why: 'manager' },
            text: `Escalated: ${action.note} (${facts.subject})`,
          },
        ];
      }
      case 'notify':
        return [
          {
            kind: 'notify',
            owner: ownerPick(action.to, facts, directory),
            text: `${action.note} (${facts.subject})`,
          },
        ];
      case 'webhook':
        return [{ kind: 'webhook', endpointId: action.endpointId }];
    }
  });
}

/**
 * Whom an escalation goes to: the manager of the mailbox's owner, else the
 * manager of the first of the owner's teams that names one.
 */
function managerOf(facts: MessageFacts, directory: AssignmentDirectory): string | null {
  const own = directory.users.find((u) => u.id === facts.mailboxOwnerId)?.managerId;
  if (own) return own;
  for (const teamId of facts.ownerTeamIds) {
    const manager = directory.teamManagers.get(teamId);
    if (manager) return manager;
  }
  return null;
}
