import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { readIntent } from '../src/core/intent/read-intent.js';
import { evaluateRules } from '../src/core/rules/evaluate-rules.js';
import { messageFacts, type FactsLookup } from '../src/core/rules/message-facts.js';
import { planEffects } from '../src/core/rules/plan-effects.js';
import { compileRules } from '../src/core/rules/compile-rules.js';
import type { WorkflowRule } from '../src/core/rules/rule.js';
import { newWebhookSecret, postWebhook } from '../src/adapters/webhooks/post-webhook.js';
import { benchRule } from './bench-rules.js';
import { parseIntentCorpus, scoreIntentCorpus } from '../test/corpus/intent/intent-corpus.js';

/**
 * `npm run bench:rules`: evaluation of BENCH_RULES_RULES (default 100) rules
 * over BENCH_RULES_MESSAGES (default 100,000) messages built from the
 * labelled corpus in test/corpus/intent (facts read as a run reads them:
 * intent, sentiment, country; each firing's effects planned), the corpus'
 * held-out intent macro F1 and sentiment accuracy, and the 99th percentile
 * of signing and posting BENCH_RULES_WEBHOOKS (default 1,000) webhooks to a
 * receiver on loopback. One core; the store's reads and writes are not in it.
 */
const messageCount = Number(process.env.BENCH_RULES_MESSAGES ?? 100_000);
const ruleCount = Number(process.env.BENCH_RULES_RULES ?? 100);
const webhookCount = Number(process.env.BENCH_RULES_WEBHOOKS ?? 1_000);

const corpus = parseIntentCorpus(
  readFileSync(new URL('../../test/corpus/intent/messages.jsonl', import.meta.url), 'utf8'),
);
const countries = ['DE', 'FR', 'ES', 'IT', 'NL', 'PT', 'GB'];
const domains = ['de', 'fr', 'es', 'it', 'nl', 'pt', 'com'];

const ruleNumber = (n: number): WorkflowRule => ({
  id: `rule-${n}`,
  position: n,
  enabled: true,
  ...benchRule(n, { kind: 'round_robin', teamId: 'team' }),
});

function evaluateAll(): { seconds: number; firings: number } {
  const rules = compileRules(Array.from({ length: ruleCount }, (_, n) => ruleNumber(n)));
  const lookup: FactsLookup = {
    userAddresses: new Set(['rita@threadline.example']),
    knownSenders: new Map([['known0@acme.de', ['DE']]]),
    knownDomains: new Set(['acme.de']),
    recordsOf: new Map(),
    teamsOf: new Map([['u0', ['team']]]),
  };
  const directory = {
    users: Array.from({ length: 10 }, (_, n) => ({
      id: `u${n}`,
      role: 'rep' as const,
      managerId: null,
      active: true,
    })),
    teams: new Map([['team', ['u1', 'u2', 'u3']]]),
    teamManagers: new Map([['team', 'u9']]),
    territories: new Map(countries.map((c, n) => [c, `u${n}`])),
  };
  let firings = 0;
  const started = performance.now();
  for (let n = 0; n < messageCount; n += 1) {
    const source = corpus[n % corpus.length]!;
    const facts = messageFacts(
      {
        id: `m${n}`,
        messageKey: `<m${n}@bench.example>`,
        threadId: `t${n % 5000}`,
        subject: source.subject,
        sentAt: new Date(1_740_000_000_000 + n * 60_000),
        createdAt: new Date(1_740_000_000_000 + n * 60_000),
        fromAddress: `sender${n % 977}@company${n % 97}.${domains[n % domains.length]}`,
        fromName: `Sender ${n}`,
        textBody: source.text,
        mailboxOwnerId: 'u0',
        captured: n % 10 !== 0,
      },
      lookup,
      rules.bodyRead,
    );
    for (const firing of evaluateRules(rules, { kind: 'message', facts })) {
      firings += planEffects(firing, directory).length > 0 ? 1 : 0;
    }
  }
  return { seconds: (performance.now() - started) / 1000, firings };
}

async function webhookP99(): Promise<number> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const secret = newWebhookSecret(Buffer.alloc(24, 7));
  const body = JSON.stringify({
    type: 'task.created',
    data: { title: 'Send a quote', threadId: 't1' },
  });
  const times: number[] = [];
  for (let n = 0; n < webhookCount; n += 1) {
    const started = performance.now();
    const outcome = await postWebhook({
      url: `http://127.0.0.1:${port}/`,
      secret,
      id: `msg_${n}`,
      body,
      timeoutMs: 5_000,
    });
    if (!outcome.ok) throw new Error(outcome.error);
    times.push(performance.now() - started);
  }
  server.close();
  times.sort((a, b) => a - b);
  return times[Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)]!;
}

const test = scoreIntentCorpus(
  corpus.filter((m) => m.split === 'test'),
  (m) => readIntent({ subject: m.subject, text: m.text }),
);
const evaluation = evaluateAll();
const p99 = await webhookP99();
console.log(`${evaluation.firings} firings planned in ${evaluation.seconds.toFixed(1)} s`);
console.log(
  `rules: messages=${messageCount} rules=${ruleCount} evaluate_msgs_s=${Math.round(messageCount / evaluation.seconds)} intent_macro_f1=${test.macroF1.toFixed(3)} sentiment_acc=${test.sentimentAccuracy.toFixed(3)} webhook_p99_ms=${p99.toFixed(1)}`,
);
