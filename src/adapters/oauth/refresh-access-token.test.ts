import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenCache, refreshAccessToken } from './refresh-access-token.js';

async function bodyOf(request: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return new URLSearchParams(text);
}

describe('OAuth2 refresh against a local token endpoint', () => {
  let server: Server;
  let endpoint: string;
  let grants = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      void bodyOf(request).then((form) => {
        response.setHeader('content-type', 'application/json');
        if (
          form.get('grant_type') !== 'refresh_token' ||
          form.get('refresh_token') !== 'good-refresh'
        ) {
          response.statusCode = 400;
          response.end(JSON.stringify({ error: 'invalid_grant' }));
          return;
        }
        grants += 1;
        response.end(
          JSON.stringify({
            access_token: `access-${grants}`,
            expires_in: 3600,
            refresh_token: 'rotated',
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/token`;
  });
  afterAll(() => {
    server.close();
  });

  it('exchanges a refresh token for an access token and reports a rotated refresh token', async () => {
    const token = await refreshAccessToken(
      { tokenEndpoint: endpoint, clientId: 'threadline', refreshToken: 'good-refresh' },
      () => 1000,
    );
    expect(token).toEqual({
      accessToken: expect.stringMatching(/^access-/),
      expiresAt: 3_601_000,
      refreshToken: 'rotated',
    });
  });

  it('answers AUTH_FAILED with the provider’s error code and without the token', async () => {
    const refusal = refreshAccessToken(
      { tokenEndpoint: endpoint, clientId: 'threadline', refreshToken: 'revoked-secret-token' },
      () => 0,
    );
    await expect(refusal).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: expect.stringContaining('invalid_grant'),
    });
    await expect(refusal).rejects.not.toMatchObject({
      message: expect.stringContaining('revoked-secret-token'),
    });
  });

  it('answers HOST_UNREACHABLE when the endpoint is down', async () => {
    await expect(
      refreshAccessToken(
        { tokenEndpoint: 'http://127.0.0.1:9/token', clientId: 'x', refreshToken: 'y' },
        () => 0,
      ),
    ).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
  });

  it('reuses a cached token until a minute before it expires', async () => {
    let clock = 0;
    const cache = createAccessTokenCache(() => clock);
    const client = {
      tokenEndpoint: endpoint,
      clientId: 'threadline',
      refreshToken: 'good-refresh',
    };
    const first = await cache('mailbox-1', client);
    clock = 3_000_000;
    expect(await cache('mailbox-1', client)).toBe(first);
    clock = 3_560_000;
    expect((await cache('mailbox-1', client)).accessToken).not.toBe(first.accessToken);
  });
});
