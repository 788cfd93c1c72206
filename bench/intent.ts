import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { languages } from '../src/core/intent/language.js';
import { intents } from '../src/core/intent/lexicon.js';
import { readIntent } from '../src/core/intent/read-intent.js';
import {
  parseIntentCorpus,
  scoreIntentCorpus,
  type CorpusScore,
  type LabelledMessage,
} from '../test/corpus/intent/intent-corpus.js';

/**
 * `npm run bench:intent`: precision, recall and F1 of each intent per
 * language, macro F1, sentiment and language accuracy over the labelled set
 * in test/corpus/intent, for its dev half (read while writing the lexicons)
 * and its held-out test half, then the throughput of `readIntent` on one
 * core, measured in CPU time. The last line gives the test half's figures. BENCH_INTENT_PASSES
 * (default 20) is how many times the whole set is read for the throughput.
 * BENCH_INTENT_MISSES=1 lists the messages read wrongly.
 */
const passes = Number(process.env.BENCH_INTENT_PASSES ?? 20);
const showMisses = process.env.BENCH_INTENT_MISSES === '1';

const corpus = parseIntentCorpus(
  readFileSync(new URL('../../test/corpus/intent/messages.jsonl', import.meta.url), 'utf8'),
);
const read = (m: LabelledMessage) => readIntent({ subject: m.subject, text: m.text });

const pct = (value: number) => (value * 100).toFixed(1).padStart(5);

function printScore(title: string, score: CorpusScore): void {
  console.log(`\n${title}: ${score.messages} messages`);
  console.log(
    `${'intent'.padEnd(16)} ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}  n`,
  );
  for (const intent of intents) {
    const s = score.byIntent[intent];
    console.log(
      `${intent.padEnd(16)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}  ${s.support}`,
    );
  }
  console.log(`\nF1 per intent and language (P/R in brackets)`);
  console.log(`${'intent'.padEnd(16)} ${languages.map((l) => l.padEnd(20)).join(' ')}`);
  for (const intent of intents) {
    const cells = languages.map((l) => {
      const s = score.byLanguage[l][intent];
      return `${pct(s.f1)} (${pct(s.precision).trim()}/${pct(s.recall).trim()})`.padEnd(20);
    });
    console.log(`${intent.padEnd(16)} ${cells.join(' ')}`);
  }
  console.log(
    `${'sentiment acc'.padEnd(16)} ${languages.map((l) => pct(score.sentimentByLanguage[l]).padEnd(20)).join(' ')}`,
  );
  console.log(
    `macro F1 ${pct(score.macroF1)}  sentiment accuracy ${pct(score.sentimentAccuracy)}  language accuracy ${pct(score.languageAccuracy)}`,
  );
  if (showMisses)
    for (const miss of score.misses)
      console.log(`  ${miss.id}: expected ${miss.expected}, got ${miss.got}`);
}

const dev = scoreIntentCorpus(
  corpus.filter((m) => m.split === 'dev'),
  read,
);
const test = scoreIntentCorpus(
  corpus.filter((m) => m.split === 'test'),
  read,
);
printScore('dev (read while writing the lexicons)', dev);
printScore('test (held out)', test);

// The process runs on one thread, so messages per second of its CPU time is
// the one-core figure even on a busy machine; the wall-clock rate is shown too.
const cpuBefore = process.cpuUsage();
const started = performance.now();
for (let pass = 0; pass < passes; pass++) for (const message of corpus) read(message);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const readCount = passes * corpus.length;
const msgsPerSecond = Math.round((readCount * 1000) / ((cpu.user + cpu.system) / 1000));
console.log(
  `\nthroughput: ${msgsPerSecond} messages per CPU second on one core, ${Math.round((readCount * 1000) / wallMs)} per wall-clock second (${passes} passes over ${corpus.length})`,
);
console.log(
  `intent: messages=${test.messages} intent_macro_f1=${test.macroF1.toFixed(3)} sentiment_acc=${test.sentimentAccuracy.toFixed(3)} msgs_s=${msgsPerSecond}`,
);
