import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  mail,
  openSharingWorld,
  type Person,
  type SharingWorld,
} from '../../../test/support/sharing-world.js';
import { fetchImage } from '../../adapters/web-images/fetch-image.js';
import { createAuditLog } from '../../services/sharing/audit-log.js';
import { createMailReadsService } from '../../services/mail-reads/mail-reads-service.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { mailReadRoutes } from './mail-read-routes.js';

/** A 1×1 PNG. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
const proxyLimit = 1000;

/** The image host of the test, on this machine: what it serves and the headers it was sent. */
async function startImageHost() {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((request, response) => {
    seen.push(request.headers);
    switch (request.url ?? '') {
      case '/logo.png':
        return response.writeHead(200, { 'content-type': 'image/png' }).end(png);
      case '/page.html':
        return response.writeHead(200, { 'content-type': 'text/html' }).end('<script>1</script>');
      case '/drawing.svg':
        return response.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg/>');
      case '/declared-large.png':
        return response
          .writeHead(200, { 'content-type': 'image/png' })
          .end(Buffer.alloc(proxyLimit + 1));
      case '/streamed-large.png':
        // No length announced: the proxy has to count as the bytes come.
        response.writeHead(200, { 'content-type': 'image/png', 'transfer-encoding': 'chunked' });
        for (let i = 0; i < 4; i += 1) response.write(Buffer.alloc(400));
        return response.end();
      default:
        return response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

function related(fields: { id: string; html: string; parts: string[][] }): string {
  return [
    'From: Grace Hopper <grace.hopper@acme.com>',
    'To: rita@threadline.example',
    'Subject: Our new logo',
    `Message-ID: ${fields.id}`,
    'Date: Mon, 03 Mar 2025 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: text/html; charset=utf-8',
    '',
    fields.html,
    ...fields.parts.flatMap((part) => ['--rel', ...part]),
    '--rel--',
    '',
  ].join('\r\n');
}

describe.each(testBackends())('message images on the %s backend', (backend) => {
  let world: SharingWorld;
  let host: Awaited<ReturnType<typeof startImageHost>>;
  /** The mail routes with an image proxy that may reach this machine, as the test's host is. */
  let app: HttpApp;
  let remoteId: string;
  let inlineId: string;

  beforeAll(async () => {
    [world, host] = await Promise.all([openSharingWorld(backend), startImageHost()]);
    const images = [
      'logo.png',
      'page.html',
      'drawing.svg',
      'declared-large.png',
      'streamed-large.png',
    ];
    await world.importMail(
      'rita',
      mail({
        id: '<images@acme.com>',
        from: 'Grace Hopper <grace.hopper@acme.com>',
        to: 'rita@threadline.example',
        subject: 'Pictures',
        date: 'Mon, 03 Mar 2025 10:00:00 +0000',
        html: `<p>Look</p>${images.map((name) => `<img src="${host.origin}/${name}" alt="${name}">`).join('')}`,
      }),
      related({
        id: '<inline@acme.com>',
        html: '<p>Logo: <img src="cid:logo@acme.com" alt="logo"><img src="cid:page@acme.com"></p>',
        parts: [
          [
            'Content-Type: image/png',
            'Content-ID: <logo@acme.com>',
            'Content-Disposition: inline; filename="logo.png"',
            'Content-Transfer-Encoding: base64',
            '',
            png.toString('base64'),
          ],
          [
            'Content-Type: text/html',
            'Content-ID: <page@acme.com>',
            'Content-Disposition: inline; filename="page.html"',
            '',
            '<script>alert(1)</script>',
          ],
        ],
      }),
    );
    [remoteId, inlineId] = await Promise.all([
      world.messageId('<images@acme.com>'),
      world.messageId('<inline@acme.com>'),
    ]);
    app = await buildHttpApp(world.core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [
        mailReadRoutes(
          createMailReadsService({
            database: world.core.database,
            audit: createAuditLog(world.core.database, world.core.clock),
            attachments: world.core.attachments,
            fetchImage: (url) =>
              fetchImage(url, {
                maxBytes: proxyLimit,
                timeoutMs: 5000,
                allowPrivateAddresses: true,
              }),
          }),
        ),
      ],
    });
  });
  afterAll(async () => {
    await app?.close();
    await world?.close();
    await host?.close();
  });

  const proxied = (via: HttpApp, person: Person, url: string, id = remoteId) =>
    via.inject({
      url: `/api/messages/${id}/images?url=${encodeURIComponent(url)}`,
      headers: { ...world.as(person), cookie: 'tl_session=secret' },
    });

  it('fetches an image the message shows for a reader of the message, passing on nothing of theirs', async () => {
    const view = await app.inject({
      url: `/api/messages/${remoteId}?images=1`,
      headers: world.as('rita'),
    });
    const src = /<img src="([^"]+)" alt="logo.png"/.exec(view.json<{ html: string }>().html)?.[1];
    expect(src).toBe(
      `/api/messages/${remoteId}/images?url=${encodeURIComponent(`${host.origin}/logo.png`)}`,
    );

    host.seen.length = 0;
    const image = await app.inject({
      url: src!,
      headers: { ...world.as('rita'), cookie: 'tl_session=secret' },
    });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['x-content-type-options']).toBe('nosniff');
    expect(image.rawPayload).toEqual(png);
    expect(host.seen).toHaveLength(1);
    expect(host.seen[0]).not.toHaveProperty('cookie');
    expect(host.seen[0]).not.toHaveProperty('authorization');
  });

  it('answers a user who may not see the message as if it did not exist, without fetching', async () => {
    host.seen.length = 0;
    const response = await proxied(app, 'ravi', `${host.origin}/logo.png`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(host.seen).toEqual([]);
  });

  it('fetches no URL the message does not show', async () => {
    host.seen.length = 0;
    for (const url of [`${host.origin}/other.png`, `${host.origin}/logo.png?x=1`]) {
      const response = await proxied(app, 'rita', url);
      expect(response.statusCode).toBe(404);
    }
    // The message's own image, asked for under another message, is not that message's.
    expect((await proxied(app, 'rita', `${host.origin}/logo.png`, inlineId)).statusCode).toBe(404);
    expect(host.seen).toEqual([]);
  });

  it('refuses private and loopback addresses unless configured otherwise', async () => {
    host.seen.length = 0;
    const response = await proxied(world.app, 'rita', `${host.origin}/logo.png`);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(host.seen).toEqual([]);
  });

  it('passes on raster images only, not pages nor SVG documents', async () => {
    for (const name of ['page.html', 'drawing.svg']) {
      const response = await proxied(app, 'rita', `${host.origin}/${name}`);
      expect(response.statusCode).toBe(502);
      expect(response.json()).toMatchObject({ error: { code: 'PROTOCOL_ERROR' } });
    }
  });

  it('refuses images over the size limit, announced or not', async () => {
    for (const name of ['declared-large.png', 'streamed-large.png']) {
      const response = await proxied(app, 'rita', `${host.origin}/${name}`);
      expect(response.statusCode).toBe(502);
      expect(response.json<{ error: { message: string } }>().error.message).toContain(
        `larger than ${proxyLimit} bytes`,
      );
    }
  });

  it('shows a cid: image from the message’s own part, to its readers only', async () => {
    const view = await app.inject({ url: `/api/messages/${inlineId}`, headers: world.as('rita') });
    const body = view.json<{ html: string; blockedImages: number }>();
    expect(body.blockedImages).toBe(0);
    expect(body.html).toContain(
      `<img alt="logo" src="/api/messages/${inlineId}/inline/logo%40acme.com" />`,
    );

    const image = await app.inject({
      url: `/api/messages/${inlineId}/inline/logo%40acme.com`,
      headers: world.as('rita'),
    });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload).toEqual(png);

    const peer = await app.inject({
      url: `/api/messages/${inlineId}/inline/logo%40acme.com`,
      headers: world.as('ravi'),
    });
    expect(peer.statusCode).toBe(404);
  });

  it('serves no part that is not an image under a cid: URL', async () => {
    const page = await app.inject({
      url: `/api/messages/${inlineId}/inline/page%40acme.com`,
      headers: world.as('rita'),
    });
    expect(page.statusCode).toBe(404);
  });
});
