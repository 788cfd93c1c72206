import { createServer, type IncomingMessage } from 'node:http';

/**
 * A DAV server that takes OAuth bearer tokens, on loopback: Radicale, which
 * checks only passwords, behind a gate that asks the OAuth provider's
 * introspection endpoint about every token (as a resource server does) and
 * passes the request on with the password of the account the token names.
 */
export interface BearerDavProxy {
  /** The gate's root, ending in `/`: collection paths are Radicale's. */
  readonly url: string;
  /** Every bearer token presented, in order, with the provider's verdict. */
  readonly seen: readonly { token: string; active: boolean }[];
  stop(): Promise<void>;
}

export async function startBearerDavProxy(options: {
  /** Radicale's root, ending in `/`. */
  target: string;
  introspectionEndpoint: string;
  /** The client the gate introspects tokens with. */
  resourceServer: { id: string; secret: string };
  /** Radicale's user and password for each account (the token's `sub`). */
  accounts: Record<string, { user: string; password: string }>;
}): Promise<BearerDavProxy> {
  const seen: { token: string; active: boolean }[] = [];
  const introspect = async (token: string): Promise<string | null> => {
    const { id, secret } = options.resourceServer;
    const response = await fetch(options.introspectionEndpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token }),
    });
    const answer = (await response.json()) as { active?: boolean; sub?: string };
    seen.push({ token, active: answer.active === true });
    return answer.active === true && answer.sub ? answer.sub : null;
  };

  const server = createServer((request, response) => {
    void (async () => {
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      const account = token ? options.accounts[(await introspect(token)) ?? ''] : undefined;
      if (!account) {
        response.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' });
        response.end();
        return;
      }
      const body = await bodyOf(request);
      const answer = await fetch(new URL(request.url ?? '/', options.target), {
        method: request.method ?? 'GET',
        headers: {
          ...forwardedHeaders(request),
          authorization: `Basic ${Buffer.from(`${account.user}:${account.password}`).toString('base64')}`,
        },
        ...(body.length > 0 ? { body } : {}),
      });
      // fetch hands the body over decoded: its length and encoding no longer hold.
      const headers: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding'].includes(name)) {
          headers[name] = value;
        }
      });
      response.writeHead(answer.status, headers);
      response.end(Buffer.from(await answer.arrayBuffer()));
    })().catch((error: unknown) => {
      response.writeHead(502);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    seen,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function forwardedHeaders(request: IncomingMessage): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['content-type', 'depth', 'if-match', 'if-none-match']) {
    const value = request.headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
