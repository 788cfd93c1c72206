import { addBusinessHours } from '../../core/rules/business-hours.js';
import type { Firing } from '../../core/rules/evaluate-rules.js';
import { planEffects, settleOwner, type Effect } from '../../core/rules/plan-effects.js';
import type { AssignmentContext } from './assignment-context.js';

/** An effect with its owner chosen and its due time computed: applied, or shown by a dry run. */
export interface ResolvedEffect {
  readonly effect: Effect;
  readonly ownerId: string | null;
  readonly dueAt: Date | null;
}

/** What an effect does, in words a dry run and a firing's record share. */
export interface EffectOutcome {
  readonly kind: Effect['kind'];
  readonly target: string;
  readonly ownerId: string | null;
  readonly dueAt: string | null;
}

/**
 * Chooses owners (taking a round robin's turn through `takeTurn`, which
 * moves it on) and due times for a firing's effects, in action order. The
 * firing's run and its dry run both come through here, so they agree.
 */
export async function resolveEffects(
  firing: Firing,
  context: AssignmentContext,
  takeTurn: (rotation: string) => Promise<number>,
  now: Date,
): Promise<ResolvedEffect[]> {
  const resolved: ResolvedEffect[] = [];
  for (const effect of planEffects(firing, context.directory)) {
    const pick = 'owner' in effect ? effect.owner : null;
    const rotation = rotationOf(effect);
    const turn = rotation ? await takeTurn(rotation) : 0;
    const ownerId = pick ? settleOwner(pick, turn) : null;
    const dueAt =
      effect.kind === 'create_task'
        ? addBusinessHours(now, effect.dueInBusinessHours, context.calendarOf(ownerId))
        : null;
    resolved.push({ effect, ownerId, dueAt });
  }
  return resolved;
}

/** The round robin an effect takes a turn of, if any: one that rotates among somebody. */
export function rotationOf(effect: Effect): string | null {
  const pick = 'owner' in effect ? effect.owner : null;
  return pick?.rotation && pick.userIds.length > 0 ? pick.rotation : null;
}

export function describeEffect(resolved: ResolvedEffect): EffectOutcome {
  const { effect } = resolved;
  const target = (() => {
    switch (effect.kind) {
      case 'create_lead':
      case 'create_contact':
        return effect.email;
      case 'create_task':
        return effect.title;
      case 'set_owner':
        return `${effect.recordType} ${effect.recordId}`;
      case 'add_to_deal':
        return `deal ${effect.dealId}`;
      case 'notify':
        return effect.text;
      case 'webhook':
        return `endpoint ${effect.endpointId}`;
    }
  })();
  return {
    kind: effect.kind,
    target,
    ownerId: resolved.ownerId,
    dueAt: resolved.dueAt?.toISOString() ?? null,
  };
}
