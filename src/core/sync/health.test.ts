import { describe, expect, it } from 'vitest';
import {
  mailboxHealth,
  reconnectDelayMs,
  retryDelayMs,
  refusedConnectionTries,
  refusedRetrySeconds,
  stateText,
  type FolderHealth,
} from './health.js';

const now = new Date('2026-11-23T12:00:00Z');
const folder = (overrides: Partial<FolderHealth>): FolderHealth => ({
  path: 'INBOX',
  state: 'live',
  code: null,
  attempt: 0,
  lastSuccessAt: new Date('2026-11-23T11:59:00Z'),
  ...overrides,
});
const connected = { state: 'live' as const, code: null, attempt: 0 };

describe('mailbox health', () => {
  it('is live when the connection and every folder are live, with the lag of the slowest folder', () => {
    const health = mailboxHealth(
      connected,
      [folder({}), folder({ path: 'Sent', lastSuccessAt: new Date('2026-11-23T11:50:00Z') })],
      now,
    );
    expect(health).toMatchObject({ state: 'live', lagSeconds: 600 });
  });

  it('never says live while one folder is failing', () => {
    const health = mailboxHealth(
      connected,
      [folder({}), folder({ path: 'Projects', state: 'failed', code: 'FOLDER_MISSING' })],
      now,
    );
    expect(health).toMatchObject({ state: 'failed', code: 'FOLDER_MISSING' });
  });

  it('reports retrying with the attempt count', () => {
    const health = mailboxHealth(
      { state: 'retrying', code: 'HOST_UNREACHABLE', attempt: 3 },
      [folder({})],
      now,
    );
    expect(health).toMatchObject({ state: 'retrying', code: 'HOST_UNREACHABLE', attempt: 3 });
  });

  it('has no lag figure until every folder has succeeded once', () => {
    expect(
      mailboxHealth(connected, [folder({ lastSuccessAt: null, state: 'backfilling' })], now),
    ).toMatchObject({
      state: 'backfilling',
      lagSeconds: null,
    });
  });
});

describe('reconnect delay', () => {
  it('grows exponentially, is capped at five minutes, and is jittered', () => {
    expect(reconnectDelayMs(1, 0.999)).toBeLessThanOrEqual(1000);
    expect(reconnectDelayMs(4, 0.5)).toBe(4000);
    expect(reconnectDelayMs(30, 0.999)).toBeLessThan(300_000);
    expect(reconnectDelayMs(30, 0)).toBe(0);
  });
});

describe('retrying a mailbox its provider throttles', () => {
  it('waits a minute at first, never less than half the ceiling, up to half an hour', () => {
    expect(retryDelayMs('THROTTLED', 1, 0)).toBe(30_000);
    expect(retryDelayMs('THROTTLED', 1, 0.999)).toBeLessThanOrEqual(60_000);
    expect(retryDelayMs('THROTTLED', 3, 0)).toBe(120_000);
    expect(retryDelayMs('THROTTLED', 30, 0.999)).toBeLessThanOrEqual(1_800_000);
  });

  it('backs off any other failure from a second', () => {
    expect(retryDelayMs('TIMEOUT', 1, 0.5)).toBe(reconnectDelayMs(1, 0.5));
  });
});

describe('retrying a connection the server refused', () => {
  it('waits twice the poll interval, then twice as long each time, and gives up after a few tries', () => {
    expect([1, 2, 3].map((attempt) => refusedRetrySeconds(attempt, 60))).toEqual([120, 240, 480]);
    expect(refusedRetrySeconds(refusedConnectionTries, 60)).toBeNull();
    expect(refusedRetrySeconds(refusedConnectionTries + 3, 60)).toBeNull();
  });
});

describe('the state as the owner reads it', () => {
  it('says a refused password needs a new one, and other states as they are', () => {
    expect(stateText('failed', 'AUTH_FAILED')).toBe('needs new password');
    expect(stateText('failed', 'SIGN_IN_AGAIN')).toBe('needs you to sign in again');
    expect(stateText('failed', 'TLS_ERROR')).toBe('failed');
    expect(stateText('retrying', 'AUTH_FAILED')).toBe('retrying');
    expect(stateText('paused', null)).toBe('paused');
  });

  it('says how often a live mailbox is polled when its server does not push new mail', () => {
    expect(stateText('live', null, 15)).toBe('live (polled every 15 s)');
    expect(stateText('live', null, null)).toBe('live');
    expect(stateText('retrying', 'TIMEOUT', 15)).toBe('retrying');
    expect(stateText('retrying', 'THROTTLED')).toBe('throttled by the provider');
  });
});
