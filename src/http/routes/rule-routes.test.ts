import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { importCrmDirectory } from '../../services/crm-csv/import-crm.js';
import { exportMessages } from '../../services/export/export-messages.js';
import { importMailFiles } from '../../services/capture/import-mail-files.js';
import { createRulesService } from '../../services/rules/rules-service.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { ruleRoutes } from './rule-routes.js';

const tenderMail = (id: string, subject: string, from = 'buyer@procurement.example') =>
  [
    `From: ${from}`,
    'To: rita@threadline.example',
    `Subject: ${subject}`,
    `Message-ID: <${id}@procurement.example>`,
    'Date: Mon, 03 Mar 2025 10:00:00 +0000',
    '',
    'Please find the tender documents.',
    '',
  ].join('\n');

describe.each(testBackends())('filing rules on the %s backend', (backend) => {
  let core: App;
  let app: HttpApp;
  let dir: string;
  let rita: string;
  let dealId: string;

  beforeAll(async () => {
    core = await openTestApp(backend);
    await importCrmDirectory(core.database, 'test/fixtures/crm/realistic', {
      now: () => new Date(),
    });
    app = await buildHttpApp(core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [ruleRoutes(createRulesService(core))],
    });
    rita = (await core.auth.createApiToken('rita@threadline.example', 't')).token;
    dealId = (
      await core.database.query<{ id: string }>(
        "SELECT id FROM deals WHERE external_id = 'DEAL-001'",
      )
    )[0]!.id;
    dir = await mkdtemp(join(tmpdir(), 'tl-rules-'));
  });
  afterAll(async () => {
    await app.close();
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const importOne = async (id: string, subject: string, from?: string) => {
    const file = join(dir, `${id}.eml`);
    await writeFile(file, tenderMail(id, subject, from));
    const mailbox = await core.mailboxes.importMailboxOf('rita@threadline.example');
    await importMailFiles([file], mailbox, (m, items) => core.ingest.ingestBatch(m, items), {});
    for await (const line of exportMessages(core.database, { ownerId: null })) {
      if (line.messageId === `<${id}@procurement.example>`) return line;
    }
    throw new Error(`${id} not exported`);
  };

  it('files future mail by subject on the chosen deal, for replies too, until the rule is removed', async () => {
    expect((await importOne('before', 'Tender 2025 documents')).captured).toBe(false);
    const created = await app.inject({
      method: 'POST',
      url: '/api/rules',
      headers: as(rita),
      payload: {
        kind: 'subject',
        pattern: 'Tender 2025 documents',
        recordType: 'deal',
        recordId: dealId,
      },
    });
    expect(created.statusCode).toBe(201);
    const reply = await importOne('after', 'RE: Tender 2025 documents');
    expect(reply).toMatchObject({ captured: true, category: 'human' });
    expect(reply.links).toEqual([
      {
        type: 'deal',
        externalId: 'DEAL-001',
        reason: 'subject rule "Tender 2025 documents"',
        confidence: 1,
      },
    ]);
    const { id } = created.json<{ id: string }>();
    const listed = await app.inject({ url: '/api/rules', headers: as(rita) });
    expect(listed.json()).toEqual([expect.objectContaining({ id, scope: 'mine' })]);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/rules/${id}`, headers: as(rita) }))
        .statusCode,
    ).toBe(204);
    // A new conversation (another sender, so not the filed thread) is no longer filed.
    const later = await importOne('removed', 'Tender 2025 documents', 'other@bidder.example');
    expect(later.captured).toBe(false);
  });

  it('keeps organisation-wide rules for admins and refuses a record that does not exist', async () => {
    const organisation = await app.inject({
      method: 'POST',
      url: '/api/rules',
      headers: as(rita),
      payload: {
        kind: 'keyword',
        pattern: 'falcon',
        recordType: 'deal',
        recordId: dealId,
        scope: 'organisation',
      },
    });
    expect(organisation.statusCode).toBe(403);
    const missing = await app.inject({
      method: 'POST',
      url: '/api/rules',
      headers: as(rita),
      payload: {
        kind: 'keyword',
        pattern: 'falcon',
        recordType: 'deal',
        recordId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
