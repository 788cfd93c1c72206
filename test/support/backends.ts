/** Which storage backends a test run covers: embedded by default, both in CI. */
export type Backend = 'embedded' | 'server';

export function testBackends(): Backend[] {
  const raw = process.env.THREADLINE_TEST_BACKENDS ?? 'embedded';
  const backends = raw.split(',').map((b) => b.trim());
  for (const backend of backends) {
    if (backend !== 'embedded' && backend !== 'server') {
      throw new Error(`THREADLINE_TEST_BACKENDS: unknown backend "${backend}"`);
    }
  }
  return backends as Backend[];
}

/** The local PostgreSQL server the server-mode tests use (trust auth on loopback). */
export function serverAdminUrl(database = 'test'): string {
  const base = process.env.THREADLINE_TEST_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
  return `${base}/${database}`;
}
