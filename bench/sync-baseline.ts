import PostalMime from 'postal-mime';
import { reportToParent } from './measure.js';
import { benchClient, syncSetupFromEnv } from './sync-setup.js';

/**
 * The naive baseline of `npm run bench:sync`: every message's full source
 * fetched with imapflow and parsed on one thread, storing nothing. In a fresh
 * process, as the product is, so neither side carries the other's heap.
 * Hands back messages per second.
 */
const client = benchClient(syncSetupFromEnv().imap);
await client.connect();
let rate: number;
try {
  await client.mailboxOpen('INBOX', { readOnly: true });
  const started = performance.now();
  let count = 0;
  for await (const message of client.fetch('1:*', { uid: true, source: true })) {
    if (message.source) await PostalMime.parse(message.source);
    count += 1;
  }
  rate = count / ((performance.now() - started) / 1000);
} finally {
  await client.logout();
}
console.log(
  `baseline (imapflow full fetch + postal-mime on one thread, nothing stored): ${rate.toFixed(0)} msgs/s`,
);
await reportToParent(rate);
