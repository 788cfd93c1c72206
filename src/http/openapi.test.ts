import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp } from '../../test/support/test-app.js';
import type { App } from '../app/open-app.js';
import { apiRoutes } from './api-routes.js';
import { buildHttpApp, type HttpApp } from './app.js';

interface Operation {
  responses: Record<string, { description: string }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

describe('the OpenAPI document of the whole API', () => {
  let core: App;
  let http: HttpApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    core = await openTestApp('embedded');
    http = await buildHttpApp(core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: apiRoutes(core, { requestSync: async () => {} }),
    });
    document = (await http.inject({ url: '/api/openapi.json' })).json<OpenApiDocument>();
  });
  afterAll(async () => {
    await http.close();
    await core.close();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );

  it('says what every response of every operation is', () => {
    const undescribed = operations().flatMap(({ name, operation }) =>
      Object.entries(operation.responses)
        .filter(
          ([, response]) => !response.description || response.description === 'Default Response',
        )
        .map(([status]) => `${name} ${status}`),
    );
    expect(operations().length).toBeGreaterThan(40);
    expect(undescribed).toEqual([]);
  });

  it('names the error codes behind each error status', () => {
    const signIn = document.paths['/api/auth/sign-in']?.post;
    expect(signIn?.responses['401']?.description).toMatch(/UNAUTHENTICATED/);
    const syncNow = Object.entries(document.paths).find(([path]) => path.endsWith('/sync'));
    expect(syncNow?.[1].post?.responses['404']?.description).toMatch(/NOT_FOUND/);
  });

  it('declares only components that something refers to', () => {
    const text = JSON.stringify(document.paths);
    const components = JSON.stringify(document.components.schemas);
    const unused = Object.keys(document.components.schemas).filter(
      (name) =>
        !text.includes(`"#/components/schemas/${name}"`) &&
        !components.includes(`"#/components/schemas/${name}"`),
    );
    expect(unused).toEqual([]);
  });
});
