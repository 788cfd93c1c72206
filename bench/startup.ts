import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { productNodeFlags } from './measure.js';

/**
 * Measures `threadline start` on the embedded store: time until the API
 * answers and resident memory, for a first start (initdb) and a second start
 * on the same data directory. Run after `npm run build`.
 */
async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

async function startOnce(
  dataDir: string,
  port: number,
): Promise<{ readyMs: number; rssMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [...productNodeFlags(), 'bin/threadline.js', 'start'], {
    env: {
      ...process.env,
      THREADLINE_DATA_DIR: dataDir,
      PORT: String(port),
      THREADLINE_LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`threadline start exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (performance.now() - started > 60_000) throw new Error('not ready after 60 s');
      await new Promise((r) => setTimeout(r, 25));
    }
    const readyMs = Math.round(performance.now() - started);
    await new Promise((r) => setTimeout(r, 500));
    return { readyMs, rssMb: await peakRssMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** The raw baseline: PGlite alone opening a fresh data directory and answering one query. */
async function rawPgliteOnce(dir: string): Promise<{ readyMs: number; rssMb: number }> {
  const script = `
    const { PGlite } = await import('@electric-sql/pglite');
    const started = performance.now();
    const db = new PGlite(process.argv[1]);
    await db.query('SELECT 1');
    const ms = Math.round(performance.now() - started);
    const hwm = /VmHWM:\\s+(\\d+) kB/.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'));
    console.log(JSON.stringify({ readyMs: ms, rssMb: Math.round(Number(hwm[1]) / 1024) }));
    await db.close();`;
  const child = spawn(
    process.execPath,
    ['--input-type=commonjs', '-e', `(async () => {${script}})()`, dir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  return JSON.parse(output) as { readyMs: number; rssMb: number };
}

const dataDir = await mkdtemp(join(tmpdir(), 'tl-bench-start-'));
try {
  const raw = await rawPgliteOnce(join(dataDir, 'raw'));
  console.log(
    `baseline, PGlite alone on a new data directory: ready in ${raw.readyMs} ms, peak RSS ${raw.rssMb} MB`,
  );
  const first = await startOnce(dataDir, 3901);
  const second = await startOnce(dataDir, 3902);
  console.log(
    `first start (creates the database): ready in ${first.readyMs} ms, peak RSS ${first.rssMb} MB`,
  );
  console.log(`later start: ready in ${second.readyMs} ms, peak RSS ${second.rssMb} MB`);
  console.log(
    `startup: first_ready_ms=${first.readyMs} first_peak_rss_mb=${first.rssMb} ready_ms=${second.readyMs} peak_rss_mb=${second.rssMb} baseline_pglite_ready_ms=${raw.readyMs} baseline_pglite_rss_mb=${raw.rssMb}`,
  );
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
