import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to the embedded store in ./.threadline with the in-process queue', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir.endsWith('.threadline')).toBe(true);
    expect(config.queue).toBe('in-process');
    expect(config.port).toBe(3000);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('switches to a server and the distributed queue with DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://127.0.0.1/test' });
    expect(config.databaseUrl).toBe('postgres://127.0.0.1/test');
    expect(config.queue).toBe('pg-boss');
  });

  it('lets --data-dir win over the environment', () => {
    expect(loadConfig({ THREADLINE_DATA_DIR: '/a' }, { dataDir: '/b' }).dataDir).toBe('/b');
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', THREADLINE_ADMIN_EMAIL: 'a@b.co' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems.some((p) => p.startsWith('PORT'))).toBe(true);
    expect(problems.some((p) => p.startsWith('DATABASE_URL'))).toBe(true);
  });

  it('requires the first admin e-mail and password together', () => {
    expect(() => loadConfig({ THREADLINE_ADMIN_EMAIL: 'a@b.co' })).toThrow(/set together/);
  });

  it('believes no proxy unless told, then all of them or those listed', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ THREADLINE_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ THREADLINE_TRUST_PROXY: '10.0.0.0/8, ::1' }).trustProxy).toBe(
      '10.0.0.0/8,::1',
    );
    expect(() => loadConfig({ THREADLINE_TRUST_PROXY: 'yes' })).toThrow(/THREADLINE_TRUST_PROXY/);
  });
});
