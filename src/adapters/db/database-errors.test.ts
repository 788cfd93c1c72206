import { describe, expect, it } from 'vitest';
import { ThreadlineError } from '../../core/errors.js';
import { isLostConnection, toDatabaseError } from './database-errors.js';

const pgError = (code: string, message = 'server said so') =>
  Object.assign(new Error(message), { code });

describe('database errors', () => {
  it.each([
    ['an administrator ended the backend', pgError('57P01', 'terminating connection')],
    ['the server shuts down', pgError('57P02')],
    ['the server is starting up', pgError('57P03')],
    ['the connection broke', pgError('08006')],
    ['the socket was reset', pgError('ECONNRESET')],
    ['no server listens', pgError('ECONNREFUSED')],
    ['the socket closed under a query', new Error('Connection terminated unexpectedly')],
    [
      'a lost client was used again',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
  ])('reads "%s" as a lost connection', (_, error) => {
    expect(isLostConnection(error)).toBe(true);
    expect(toDatabaseError(error)).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      details: { cause: (error as { code?: string }).code ?? 'connection terminated' },
    });
  });

  it.each([
    ['a unique violation', pgError('23505')],
    ['a lease held by another worker', pgError('TL001')],
    ['a syntax error', pgError('42601')],
    ['another code of ours', new ThreadlineError('CONFLICT')],
    ['a string', 'Connection terminated unexpectedly'],
  ])('leaves %s as it is', (_, error) => {
    expect(isLostConnection(error)).toBe(false);
    expect(toDatabaseError(error)).toBe(error);
  });

  it('keeps an error it already translated', () => {
    const translated = toDatabaseError(pgError('57P01'));
    expect(isLostConnection(translated)).toBe(true);
    expect(toDatabaseError(translated)).toBe(translated);
  });
});
