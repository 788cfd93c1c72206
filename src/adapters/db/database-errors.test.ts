import { describe, expect, it } from 'vitest';
import { ThreadlineError } from '../../core/errors.js';
import { isLostConnection, toDatabaseError, toStatementsError } from './database-errors.js';

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

describe('errors of statements sent together', () => {
  it('reads the lease check of a checkpoint as a lost lease', () => {
    expect(toStatementsError(pgError('TL001', 'held by another worker'))).toMatchObject({
      code: 'LEASE_LOST',
      message: 'held by another worker',
      details: { cause: 'TL001' },
    });
  });

  it.each([
    ['bad encoding', pgError('22021')],
    ['a value out of range', pgError('22003')],
    ['a value too long', pgError('22001')],
    ['an index row too large', pgError('54000')],
  ])('reads %s as a value the database refused', (_, error) => {
    expect(toStatementsError(error)).toMatchObject({
      code: 'VALUE_REFUSED',
      message: 'server said so',
      details: { cause: error.code },
    });
  });

  it('reads a lost connection as DATABASE_UNAVAILABLE, and leaves any other error as it is', () => {
    expect(toStatementsError(pgError('57P01'))).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    const unique = pgError('23505');
    expect(toStatementsError(unique)).toBe(unique);
    const ours = new ThreadlineError('CONFLICT');
    expect(toStatementsError(ours)).toBe(ours);
  });
});
