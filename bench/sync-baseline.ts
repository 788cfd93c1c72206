import PostalMime from 'postal-mime';
import { meterCpu, reportToParent, type CpuSpent } from './measure.js';
import { benchClient, syncSetupFromEnv } from './sync-setup.js';

/** What one baseline run hands back to `npm run bench:sync`. */
export interface SyncBaselineResult {
  messages: number;
  msgsPerSecond: number;
  cpu: CpuSpent;
}

/**
 * The naive baseline of `npm run bench:sync`: every message's full source
 * fetched with imapflow and parsed on one thread, storing nothing. In a fresh
 * process, as the product is, so neither side carries the other's heap.
 */
const client = benchClient(syncSetupFromEnv().imap);
await client.connect();
let result: SyncBaselineResult;
try {
  await client.mailboxOpen('INBOX', { readOnly: true });
  const cpu = meterCpu();
  const started = performance.now();
  let count = 0;
  for await (const message of client.fetch('1:*', { uid: true, source: true })) {
    if (message.source) await PostalMime.parse(message.source);
    count += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  result = { messages: count, msgsPerSecond: count / seconds, cpu: cpu.stop() };
} finally {
  await client.logout();
}
console.log(
  `baseline (imapflow full fetch + postal-mime on one thread, nothing stored): ${result.msgsPerSecond.toFixed(0)} msgs/s; ` +
    `CPU ${result.cpu.process.toFixed(1)} s in this process, ${result.cpu.machine.toFixed(1)} s on the machine`,
);
await reportToParent(result);
