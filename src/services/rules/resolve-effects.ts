import { addBusinessHours, type WorkCalendar } from '../../core/rules/business-hours.js';
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
        ? dueTime(now, effect.dueInBusinessHours, context.calendarOf(ownerId))
        : null;
    resolved.push({ effect, ownerId, dueAt });
  }
  return resolved;
}

/**
 * Due times already worked out, per calendar object. A pass resolves every
 * firing at the same `now` with calendars loaded once for it, so its tasks
 * share a few due times, each a walk through the calendar's days; the
 * answers go with the pass's calendars.
 */
const dueTimes = new WeakMap<WorkCalendar, Map<string, number>>();

/** Answers kept per calendar, at most: a calendar kept longer than a pass does not grow without end. */
const dueTimesPerCalendar = 1_000;

function dueTime(from: Date, hours: number, calendar: WorkCalendar): Date {
  let known = dueTimes.get(calendar);
  if (!known) {
    known = new Map();
    dueTimes.set(calendar, known);
  }
  const key = `${from.getTime()} ${hours}`;
  let due = known.get(key);
  if (due === undefined) {
    due = addBusinessHours(from, hours, calendar).getTime();
    if (known.size >= dueTimesPerCalendar) known.clear();
    known.set(key, due);
  }
  return new Date(due);
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
