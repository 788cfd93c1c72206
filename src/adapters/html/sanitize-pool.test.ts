import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from './sanitize-email-html.js';
import type { HtmlSanitizer } from './sanitize-pool.js';

// Worker threads load compiled JavaScript: this test drives the built pool (`npm test` builds first).
const compiledPool = fileURLToPath(
  new URL('../../../dist/src/adapters/html/sanitize-pool.js', import.meta.url),
);

describe('HTML sanitiser on its own thread', () => {
  let pool: HtmlSanitizer;
  let inThreadSanitizer: HtmlSanitizer;
  beforeAll(async () => {
    if (!existsSync(compiledPool)) {
      throw new Error(`${compiledPool} is missing: run npm run build first`);
    }
    const compiled = (await import(compiledPool)) as typeof import('./sanitize-pool.js');
    pool = compiled.createSanitizePool();
    inThreadSanitizer = compiled.inThreadSanitizer;
  });
  afterAll(async () => {
    await pool?.close();
  });

  it('is a worker thread, not the calling thread', () => {
    expect(pool).not.toBe(inThreadSanitizer);
  });

  it('sanitises as the calling thread does', async () => {
    const html =
      '<p onclick="x()">Hi <img src="https://cdn.example/a.png" alt="a"><img src="cid:logo"></p><script>1</script>';
    expect(await pool.sanitize(html, 'm-1')).toEqual(sanitizeEmailHtml(html, 'm-1'));
  });

  it('keeps the calling thread free while it works', async () => {
    const html = '<tr><td><b>x</b> <a href="https://a.example">y</a></td></tr>'.repeat(20_000);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const started = performance.now();
    await pool.sanitize(`<table>${html}</table>`, 'm-2');
    clearInterval(timer);
    const elapsed = performance.now() - started;
    // The timer went on firing meanwhile: at least a third of the ticks it would have alone.
    expect(ticks).toBeGreaterThan(elapsed / 5 / 3);
  });
});
