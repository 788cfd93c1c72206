import type { Database } from '../../adapters/db/database.js';
import type { Clock } from '../../adapters/system/clock.js';
import {
  checkDueFollowUps,
  checkUnansweredThreads,
  runMessageRules,
  type RunOptions,
  type RunOutcome,
} from './rule-runner.js';
import type { WebhookService } from './webhook-service.js';
import { checkTrackedEvents } from './tracked-events-check.js';
import { repeatEvery } from '../repeat-every.js';

export interface RulePass {
  readonly messages: RunOutcome;
  readonly unanswered: RunOutcome;
  readonly followUps: RunOutcome;
  readonly tracked: RunOutcome;
  readonly webhooks: { delivered: number; failed: number };
}

/**
 * The background work of rules, apart from capture so that capture never
 * waits on it: message rules, the time-based checks (threads awaiting an answer,
 * follow-ups due), people's tracked opens and clicks the tracking could not
 * tell the rules of, then webhook deliveries. Every step may run in several processes at once.
 */
export function createRuleWorker(deps: {
  database: Database;
  clock: Clock;
  webhooks: WebhookService;
  options?: RunOptions;
}) {
  return {
    async runOnce(): Promise<RulePass> {
      const messages = await runMessageRules(deps.database, deps.clock.now(), deps.options);
      const unanswered = await checkUnansweredThreads(
        deps.database,
        deps.clock.now(),
        deps.options,
      );
      const followUps = await checkDueFollowUps(deps.database, deps.clock.now(), deps.options);
      const tracked = await checkTrackedEvents(deps.database, deps.clock.now(), deps.options);
      const webhooks = await deps.webhooks.deliverDue();
      return { messages, unanswered, followUps, tracked, webhooks };
    },
    /** Runs a pass every `everyMs` (a pass never overlaps the previous one) until stopped. */
    start(everyMs: number, onError: (error: unknown) => void): { stop(): Promise<void> } {
      return repeatEvery(everyMs, () => this.runOnce(), onError);
    },
  };
}

export type RuleWorker = ReturnType<typeof createRuleWorker>;
