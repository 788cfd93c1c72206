import { createServer, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { freePort } from '../../../test/support/dovecot.js';
import { importRealisticCrm } from '../../../test/support/mail-fixtures.js';
import { rawMail } from '../../../test/support/rules-world.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { createSecretBox, loadSecretKey } from '../../adapters/crypto/secret-box.js';
import { importMailFiles } from '../../services/capture/import-mail-files.js';
import { runMessageRules } from '../../services/rules/rule-runner.js';
import { createWebhookService } from '../../services/rules/webhook-service.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { workflowRuleRoutes } from './workflow-rule-routes.js';

/** A webhook receiver on loopback: verifies each signature and keeps the events it accepted. */
function receiver(port: number, secret: string, status: () => number) {
  const accepted: { id: string; type: string; data: Record<string, unknown> }[] = [];
  const refused: string[] = [];
  let server: Server | null = null;
  return {
    accepted,
    refused,
    async start() {
      server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          try {
            const event = new Webhook(secret).verify(
              body,
              request.headers as Record<string, string>,
            ) as {
              type: string;
              data: Record<string, unknown>;
            };
            const code = status();
            if (code < 300) accepted.push({ id: String(request.headers['webhook-id']), ...event });
            response.writeHead(code).end();
          } catch (error) {
            refused.push(String(error));
            response.writeHead(400).end();
          }
        });
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    async stop() {
      await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
      server?.closeAllConnections();
    },
  };
}

describe.each(testBackends())(
  'workflow rules and webhooks over the API on the %s backend',
  (backend) => {
    let core: App;
    let app: HttpApp;
    let dir: string;
    let admin: string;
    let rep: string;
    let now: Date;
    let deliver: () => Promise<{ delivered: number; failed: number }>;

    beforeEach(async () => {
      core = await openTestApp(backend);
      await importRealisticCrm(core);
      app = await buildHttpApp(core, {
        webRoot: null,
        secureCookies: false,
        localCliToken: null,
        logLevel: 'silent',
        plugins: [workflowRuleRoutes(core.workflowRules, core.webhooks)],
      });
      admin = (await core.auth.createApiToken('admin@threadline.test', 't')).token;
      rep = (await core.auth.createApiToken('rita@threadline.example', 't')).token;
      dir = await mkdtemp(join(tmpdir(), 'tl-workflow-'));
      now = new Date();
      const secrets = createSecretBox(
        await loadSecretKey(core.config.secretKeyHex, core.config.dataDir),
      );
      const webhooks = createWebhookService({
        database: core.database,
        secrets,
        clock: { now: () => now },
        timeoutMs: 2_000,
      });
      deliver = () => webhooks.deliverDue();
    });
    afterEach(async () => {
      await app.close();
      await core.close();
      await rm(dir, { recursive: true, force: true });
    });

    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const importMail = async (...raws: string[]) => {
      const files = await Promise.all(
        raws.map(async (raw, n) => {
          const file = join(dir, `${n}-${Date.now()}.eml`);
          await writeFile(file, raw);
          return file;
        }),
      );
      const mailbox = await core.mailboxes.importMailboxOf('rita@threadline.example');
      await importMailFiles(files, mailbox, (m, items) => core.ingest.ingestBatch(m, items), {});
    };
    const pricing = (n: number) =>
      rawMail({
        from: 'Grace Hopper <grace.hopper@acme.com>',
        subject: `Quote ${n}`,
        id: `quote${n}@acme.com`,
        date: '2025-03-05T09:00:00Z',
        body: 'Could you send us a quote for 50 licences? What is the price per user?',
      });
    const taskRule = {
      name: 'Pricing requests become tasks',
      trigger: { kind: 'intent_detected', intents: ['quote_request'] },
      actions: [
        {
          kind: 'create_task',
          title: 'Send a quote',
          dueInBusinessHours: 4,
          owner: { kind: 'mailbox_owner' },
        },
      ],
    };
    const createAndSwitchOn = async () => {
      const created = await app.inject({
        method: 'POST',
        url: '/api/workflow-rules',
        headers: as(admin),
        payload: taskRule,
      });
      expect(created.statusCode).toBe(201);
      const on = await app.inject({
        method: 'POST',
        url: `/api/workflow-rules/${created.json<{ id: string }>().id}/switch`,
        headers: as(admin),
        payload: { enabled: true, appliesFrom: '2025-01-01T00:00:00Z' },
      });
      expect(on.json()).toMatchObject({ enabled: true, appliesFrom: '2025-01-01T00:00:00.000Z' });
    };
    const endpoint = async (url: string) => {
      const answer = await app.inject({
        method: 'POST',
        url: '/api/webhooks',
        headers: as(admin),
        payload: { url, events: ['task.created'] },
      });
      expect(answer.statusCode).toBe(201);
      return answer.json<{ id: string; secret: string }>();
    };

    it('delivers each event once with a valid signature, also after the receiver was down', async () => {
      const port = await freePort();
      const { secret } = await endpoint(`http://127.0.0.1:${port}/hooks`);
      expect(secret).toMatch(/^whsec_/);
      const stored = await core.database.query<{ secret: string }>(
        'SELECT secret FROM webhook_endpoints',
      );
      expect(stored[0]?.secret).not.toContain(secret.slice(6));
      await createAndSwitchOn();
      await importMail(pricing(1));
      await runMessageRules(core.database, now, { settleSeconds: 0 });

      const hooks = receiver(port, secret, () => 204);
      expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
      const [pending] = (
        await app.inject({
          method: 'GET',
          url: '/api/webhooks/deliveries?status=pending',
          headers: as(admin),
        })
      ).json<{ attempts: number; lastError: string }[]>();
      expect(pending).toMatchObject({
        attempts: 1,
        lastError: expect.stringMatching(/could not be reached/),
      });

      await hooks.start();
      try {
        // Not due yet: the first retry waits five seconds.
        expect(await deliver()).toEqual({ delivered: 0, failed: 0 });
        now = new Date(now.getTime() + 6_000);
        await importMail(pricing(2));
        await runMessageRules(core.database, now, { settleSeconds: 0 });
        expect(await deliver()).toEqual({ delivered: 2, failed: 0 });
        expect(await deliver()).toEqual({ delivered: 0, failed: 0 });
        expect(hooks.refused).toEqual([]);
        expect(hooks.accepted.map((e) => [e.type, e.data.title])).toEqual([
          ['task.created', 'Send a quote'],
          ['task.created', 'Send a quote'],
        ]);
        expect(new Set(hooks.accepted.map((e) => e.id)).size).toBe(2);
      } finally {
        await hooks.stop();
      }
    });

    it('puts a delivery the receiver keeps refusing on the dead-letter list, and replays it', async () => {
      const port = await freePort();
      let status = 500;
      const { secret } = await endpoint(`http://127.0.0.1:${port}/hooks`);
      await createAndSwitchOn();
      await importMail(pricing(1));
      await runMessageRules(core.database, now, { settleSeconds: 0 });
      const hooks = receiver(port, secret, () => status);
      await hooks.start();
      try {
        for (let attempt = 0; attempt < 9; attempt += 1) {
          expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
          now = new Date(now.getTime() + 2 * 86_400_000);
        }
        const dead = (
          await app.inject({
            method: 'GET',
            url: '/api/webhooks/deliveries?status=dead',
            headers: as(admin),
          })
        ).json<{ id: string; attempts: number; lastError: string }[]>();
        expect(dead).toMatchObject([{ attempts: 9, lastError: 'the receiver answered 500' }]);
        expect(await deliver()).toEqual({ delivered: 0, failed: 0 });

        status = 200;
        const replay = await app.inject({
          method: 'POST',
          url: `/api/webhooks/deliveries/${dead[0]!.id}/replay`,
          headers: as(admin),
        });
        expect(replay.statusCode).toBe(204);
        expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
        expect(hooks.accepted).toHaveLength(1);
      } finally {
        await hooks.stop();
      }
    });

    it('dry-runs a rule over a period and shows what it would do, writing nothing', async () => {
      await importMail(pricing(1), pricing(2));
      const answer = await app.inject({
        method: 'POST',
        url: '/api/workflow-rules/dry-run',
        headers: as(admin),
        payload: { rule: taskRule, from: '2025-03-01T00:00:00Z', to: '2025-03-31T00:00:00Z' },
      });
      expect(answer.json()).toMatchObject({ matched: 2, effectCounts: { create_task: 2 } });
      expect(await core.database.query('SELECT 1 FROM tasks')).toEqual([]);
    });

    it('refuses malformed rules, unknown endpoints and reps, with a reason', async () => {
      const bad = await app.inject({
        method: 'POST',
        url: '/api/workflow-rules',
        headers: as(admin),
        payload: { ...taskRule, trigger: { kind: 'thread_unanswered', businessHours: -1 } },
      });
      expect(bad.statusCode).toBe(400);
      const missing = await app.inject({
        method: 'POST',
        url: '/api/workflow-rules',
        headers: as(admin),
        payload: {
          ...taskRule,
          actions: [{ kind: 'webhook', endpointId: '00000000-0000-4000-8000-000000000001' }],
        },
      });
      expect(missing.json()).toMatchObject({
        error: {
          code: 'VALIDATION_FAILED',
          message: /webhook endpoint 00000000-0000-4000-8000-000000000001/,
        },
      });
      const byRep = await app.inject({
        method: 'POST',
        url: '/api/workflow-rules',
        headers: as(rep),
        payload: taskRule,
      });
      expect(byRep.statusCode).toBe(403);
      expect(
        (await app.inject({ method: 'GET', url: '/api/webhooks', headers: as(rep) })).statusCode,
      ).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/api/workflow-rules' })).statusCode).toBe(
        401,
      );
    });
  },
);
