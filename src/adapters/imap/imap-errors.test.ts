import { describe, expect, it } from 'vitest';
import { ThreadlineError } from '../../core/errors.js';
import { toImapError, withoutSecret } from './imap-errors.js';

/** An error shaped like the ones imapflow and Node raise. */
const failure = (message: string, fields: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), fields);

describe('toImapError', () => {
  it.each([
    ['ECONNREFUSED', 'HOST_UNREACHABLE'],
    ['ENOTFOUND', 'HOST_UNREACHABLE'],
    ['EHOSTUNREACH', 'HOST_UNREACHABLE'],
    ['ENETUNREACH', 'HOST_UNREACHABLE'],
    ['EAI_AGAIN', 'HOST_UNREACHABLE'],
    ['ETIMEDOUT', 'TIMEOUT'],
    ['CONNECT_TIMEOUT', 'TIMEOUT'],
    ['GREETING_TIMEOUT', 'TIMEOUT'],
    ['ETIMEOUT', 'TIMEOUT'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TLS_ERROR'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'TLS_ERROR'],
    ['CERT_HAS_EXPIRED', 'TLS_ERROR'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS_ERROR'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'TLS_ERROR'],
  ])('maps the error code %s to %s', (code, expected) => {
    expect(toImapError(failure('boom', { code }), 'mail.acme.example').code).toBe(expected);
  });

  it.each([
    ['Gmail', { responseText: '[THROTTLED] Account exceeded command or bandwidth limits.' }],
    [
      'Gmail at login',
      {
        authenticationFailed: true,
        responseText: '[ALERT] Too many simultaneous connections. (Failure)',
      },
    ],
    [
      'Microsoft',
      { responseText: 'Request is throttled. Suggested Backoff Time: 33456 milliseconds' },
    ],
    ['Microsoft after login', { responseText: 'User is authenticated but not connected.' }],
    ['a BYE', { reason: '[LIMIT] Too many connections' }],
  ])('maps %s limiting the account to THROTTLED, never to a refused password', (_, fields) => {
    const error = toImapError(failure('Command failed', fields), 'imap.gmail.com');
    expect(error.code).toBe('THROTTLED');
    expect(error.message).toMatch(
      /^imap\.gmail\.com is limiting this account.*tries again on its own\.$/,
    );
  });

  it('maps a refused sign-in to AUTH_FAILED, by flag or by the AUTHENTICATIONFAILED response code', () => {
    const byFlag = toImapError(failure('Command failed', { authenticationFailed: true }));
    const byCode = toImapError(
      failure('Command failed', { serverResponseCode: 'AUTHENTICATIONFAILED' }),
    );
    expect([byFlag.code, byCode.code]).toEqual(['AUTH_FAILED', 'AUTH_FAILED']);
    expect(byFlag.message).toBe(
      'The server refused the user name or password. Check them; Gmail, iCloud and Yahoo need an app password.',
    );
  });

  it('maps a missing mailbox to FOLDER_MISSING, even when its name reads like another problem', () => {
    const error = toImapError(
      failure('Command failed', {
        responseText: 'Mailbox does not exist: Certificates/Timed out',
        serverResponseCode: 'NONEXISTENT',
      }),
      'mail.acme.example',
    );
    expect(error.code).toBe('FOLDER_MISSING');
    expect(toImapError(failure('Command failed', { mailboxMissing: true })).code).toBe(
      'FOLDER_MISSING',
    );
  });

  it('says what is wrong with a certificate in plain words', () => {
    const host = 'mail.acme.example';
    expect(
      toImapError(failure('x', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), host).message,
    ).toMatch(/self-signed certificate.*allow a self-signed certificate/);
    expect(toImapError(failure('x', { code: 'CERT_HAS_EXPIRED' }), host).message).toMatch(
      /certificate has expired/,
    );
    expect(
      toImapError(failure('x', { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), host).message,
    ).toMatch(/certificate is for another server name/);
    expect(toImapError(failure('ssl3_get_record:wrong version number'), host).message).toMatch(
      /does not speak TLS on this port/,
    );
  });

  it('says a server without STARTTLS does not offer it, rather than blame a certificate', () => {
    const error = toImapError(
      failure('Server does not support STARTTLS', { tlsFailed: true }),
      'mail.acme.example',
    );
    expect(error.code).toBe('TLS_ERROR');
    expect(error.message).toMatch(/^mail\.acme\.example does not offer STARTTLS on this port/);
    expect(error.message).not.toMatch(/certificate/);
  });

  it("keeps the server's own words when it closes the connection (a BYE greeting)", () => {
    const error = toImapError(
      failure('Connection not available', {
        code: 'NoConnection',
        reason: 'Mailbox locked by maintenance',
      }),
      'mail.acme.example',
    );
    expect(error).toMatchObject({
      code: 'PROTOCOL_ERROR',
      message: 'mail.acme.example closed the connection: Mailbox locked by maintenance.',
    });
  });

  it('takes a BYE for too many connections as a limit, with the server’s words', () => {
    const error = toImapError(
      failure('Connection not available', {
        code: 'NoConnection',
        reason: 'Too many connections from your IP',
      }),
      'mail.acme.example',
    );
    expect(error).toMatchObject({
      code: 'THROTTLED',
      message:
        'mail.acme.example is limiting this account (it said: "Too many connections from your IP"). Sync slows down and tries again on its own.',
    });
  });

  it('says the server closed the connection when it ended with no BYE and no socket error', () => {
    for (const code of ['NoConnection', 'EConnectionClosed', 'ClosedAfterConnectText']) {
      const error = toImapError(failure('Connection not available', { code }), 'mail.acme.example');
      expect(error).toMatchObject({
        code: 'PROTOCOL_ERROR',
        message:
          'mail.acme.example closed the connection without a word. Sync tries again shortly.',
      });
    }
  });

  it('keeps only the first line of an unexpected answer, as PROTOCOL_ERROR', () => {
    const error = toImapError(
      failure('Command failed', { responseText: 'Internal error occurred.\nsecond line' }),
      'mail.acme.example',
    );
    expect(error.code).toBe('PROTOCOL_ERROR');
    expect(error.message).toBe(
      'mail.acme.example answered unexpectedly: Command failed Internal error occurred.',
    );
  });

  it('keeps the library code in details and passes our own errors through unchanged', () => {
    expect(toImapError(failure('x', { code: 'ENOTFOUND' })).details).toEqual({
      cause: 'ENOTFOUND',
      serverResponseCode: null,
    });
    const ours = new ThreadlineError('TIMEOUT');
    expect(toImapError(ours)).toBe(ours);
    expect(toImapError('a string').code).toBe('PROTOCOL_ERROR');
  });
});

describe('withoutSecret', () => {
  const refused = (message: string) => new ThreadlineError('AUTH_FAILED', message);

  it('masks the secret wherever a server echoed it as a token', () => {
    expect(
      withoutSecret(refused('LOGIN sam "hunter-2" failed; hunter-2: bad password'), 'hunter-2')
        .message,
    ).toBe('LOGIN sam "••••" failed; ••••: bad password');
  });

  it('leaves prose alone where a short secret is only part of a word', () => {
    const error = refused('mail.acme.example could not be reached. Check the port.');
    expect(withoutSecret(error, 'ort')).toBe(error);
    expect(withoutSecret(refused('LOGIN "ort" refused. Check the port.'), 'ort').message).toBe(
      'LOGIN "••••" refused. Check the port.',
    );
  });

  it('reads the secret literally, not as a pattern', () => {
    expect(withoutSecret(refused('bad password a.b*(c) given'), 'a.b*(c)').message).toBe(
      'bad password •••• given',
    );
  });
});
