import { existsSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type FastifyPluginAsyncZod,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AuthService } from '../services/auth/auth-service.js';
import type { UserAdminService } from '../services/auth/user-admin.js';
import type { RecordsService } from '../services/crm/records-service.js';
import { ok } from '../api-shapes/common.js';
import { handleError, sendError } from './errors.js';
import { publishedDocument } from './openapi-document.js';
import { refuseNulCharacters } from './refuse-nul.js';
import { resolvePrincipal, safeMethods, sessionCookie } from './principal.js';
import { authRoutes } from './routes/auth-routes.js';
import { userAdminRoutes } from './routes/user-admin-routes.js';
import { recordRoutes } from './routes/record-routes.js';

export interface HttpServices {
  auth: AuthService;
  userAdmin: UserAdminService;
  records: RecordsService;
}

export interface HttpOptions {
  /** Built web UI to serve, if present. */
  webRoot: string | null;
  secureCookies: boolean;
  /** Secret of the local CLI (from the data directory's lock file). */
  localCliToken: string | null;
  logLevel: string;
  /** Where log lines go; standard output unless given. */
  logStream?: { write(line: string): void };
  /**
   * Which proxies in front are believed about the client's address and
   * protocol (`X-Forwarded-For`, `X-Forwarded-Proto`): none by default, all
   * (true), or those at the addresses and CIDRs listed, comma-separated.
   */
  trustProxy?: boolean | string;
  /** Extra route plugins registered by the composition root. */
  plugins?: FastifyPluginAsyncZod[];
}

/** Over https, browsers are told to come back only over https, for a year. */
const strictTransportSecurity = 'max-age=31536000; includeSubDomains';

/**
 * A request as logged: the route's pattern, not the URL, whose path and
 * query can hold addresses and search terms; the path without its query
 * when no route matched.
 */
function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.routeOptions.url ?? request.url.split('?')[0],
    remoteAddress: request.ip,
  };
}

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

/** How `resolvePrincipal` lets a caller in, as OpenAPI security schemes. */
const securitySchemes = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: sessionCookie,
    description: 'The session cookie `POST /api/auth/sign-in` sets (the web UI)',
  },
  csrf: {
    type: 'apiKey',
    in: 'header',
    name: 'x-csrf-token',
    description:
      'The session’s CSRF token, from sign-in or `GET /api/auth/me`: writes under a session cookie send it',
  },
  bearer: {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (`POST /api/tokens`), as `Authorization: Bearer <token>`',
  },
} as const;

/** Reads take a session cookie or an API token; a write under a cookie also needs the CSRF token. */
const readAccess: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];
const writeAccess: Record<string, string[]>[] = [{ session: [], csrf: [] }, { bearer: [] }];

/** The REST API, its OpenAPI document and the web UI, in one Fastify instance. */
export async function buildHttpApp(services: HttpServices, options: HttpOptions) {
  const app = Fastify({
    logger: {
      level: options.logLevel,
      serializers: { req: requestForLog },
      // Credentials travel in these headers; they must never reach a log line.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('preValidation', refuseNulCharacters);
  app.addHook('onSend', async (request, reply) => {
    void reply.headers(securityHeaders);
    if (request.protocol === 'https') {
      void reply.header('strict-transport-security', strictTransportSecurity);
    }
  });

  // A route that declares no security takes what every signed-in route takes.
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.security) return;
    const methods = [route.method].flat();
    const read = methods.every((method) => safeMethods.has(method));
    route.schema = { ...route.schema, security: read ? readAccess : writeAccess };
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Threadline API',
        version: '0.1.0',
        description:
          'Authenticate with a session cookie (web) or `Authorization: Bearer <API token>`. Errors are `{ error: { code, message, details? } }`.',
      },
      components: { securitySchemes },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => publishedDocument(jsonSchemaTransformObject(input)),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: 'Liveness', security: [], response: { 200: ok } } },
    () => ({ ok: true as const }),
  );

  app.addHook('preHandler', resolvePrincipal(services.auth, options.localCliToken));
  await app.register(authRoutes(services.auth, options.secureCookies));
  await app.register(userAdminRoutes(services.userAdmin, options.secureCookies));
  await app.register(recordRoutes(services.records));
  for (const plugin of options.plugins ?? []) await app.register(plugin);

  if (options.webRoot && existsSync(options.webRoot)) {
    await app.register(fastifyStatic, { root: options.webRoot, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !options.webRoot || request.method !== 'GET') {
      return sendError(
        reply,
        'NOT_FOUND',
        `No route ${request.method} ${request.url.split('?')[0]}`,
      );
    }
    // Client-side routes of the single-page UI all load its index.
    return reply.sendFile('index.html');
  });
  return app;
}

export type HttpApp = Awaited<ReturnType<typeof buildHttpApp>>;
