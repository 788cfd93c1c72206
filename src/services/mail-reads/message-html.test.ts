import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { mail, openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';
import { maxShownHtmlBytes } from '../../adapters/db/repositories/safe-html.js';
import { inThreadSanitizer, type HtmlSanitizer } from '../../adapters/html/sanitize-pool.js';
import { createMessageHtml } from './message-html.js';

const message = (id: string, html: string) =>
  mail({
    id,
    from: 'Grace Hopper <grace.hopper@acme.com>',
    to: 'rita@threadline.example',
    subject: `Newsletter ${id}`,
    date: 'Mon, 03 Mar 2025 10:00:00 +0000',
    text: 'The plain-text version.',
    html,
  });

/** HTML just over the limit, a generated newsletter's worth of table rows. */
const largeHtml = `<table>${'<tr><td>row</td></tr>'.repeat(Math.ceil(maxShownHtmlBytes / 20) + 10)}</table>`;

/** The sanitiser, counting what it is given. */
function countingSanitizer(): HtmlSanitizer & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    sanitize: (html, messageId) => {
      calls.push(messageId);
      return inThreadSanitizer.sanitize(html, messageId);
    },
    close: async () => undefined,
  };
}

describe.each(testBackends())('message HTML on the %s backend', (backend) => {
  let world: SharingWorld;
  let smallId: string;
  let largeId: string;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    await world.importMail(
      'rita',
      message('<small@acme.com>', '<p onclick="x()">Hello <b>Rita</b></p>'),
      message('<large@acme.com>', largeHtml),
    );
    [smallId, largeId] = await Promise.all([
      world.messageId('<small@acme.com>'),
      world.messageId('<large@acme.com>'),
    ]);
  });
  afterAll(async () => {
    await world?.close();
  });

  const view = (id: string) =>
    world.app.inject({ url: `/api/messages/${id}`, headers: world.as('rita') });
  const kept = async (id: string) =>
    (
      await world.core.database.query<{ html: string }>(
        'SELECT html FROM message_safe_html WHERE message_id = $1',
        [id],
      )
    ).map((row) => row.html);

  it('shows an HTML body over the limit as its plain text, saying why, and never sanitises it', async () => {
    const sanitizer = countingSanitizer();
    const bodies = createMessageHtml({ database: world.core.database, sanitizer });
    expect(await bodies.ofStoredMessage(largeId)).toEqual({
      html: null,
      remoteImages: 0,
      tooLarge: true,
    });
    expect(sanitizer.calls).toEqual([]);

    const response = await view(largeId);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      bodyStored: true,
      html: null,
      htmlTooLarge: true,
      text: expect.stringContaining('The plain-text version.'),
    });
    expect(await kept(largeId)).toEqual([]);
  });

  it('leaves the HTML out of the export when it is over the limit', async () => {
    const lines = (
      await world.app.inject({ url: '/api/export/messages', headers: world.as('rita') })
    ).body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { messageId: string; html: string | null; text: string });
    const large = lines.find((line) => line.messageId === '<large@acme.com>');
    expect(large).toMatchObject({ html: null, text: expect.stringContaining('plain-text') });
  });

  it('sanitises a body once, for reads at the same time too, and keeps the result', async () => {
    await world.core.database.query('DELETE FROM message_safe_html');
    const sanitizer = countingSanitizer();
    const bodies = createMessageHtml({ database: world.core.database, sanitizer });
    const shown = await Promise.all([1, 2, 3].map(() => bodies.ofStoredMessage(smallId)));
    expect(new Set(shown.map((s) => s.html))).toEqual(new Set(['<p>Hello <b>Rita</b></p>\n']));
    expect(sanitizer.calls).toEqual([smallId]);
    expect(await kept(smallId)).toEqual(['<p>Hello <b>Rita</b></p>\n']);

    await bodies.ofStoredMessage(smallId);
    const response = await view(smallId);
    expect(response.json()).toMatchObject({
      html: '<p>Hello <b>Rita</b></p>\n',
      htmlTooLarge: false,
    });
    expect(sanitizer.calls).toEqual([smallId]);
  });

  it('drops the kept copy when the body it was made from is removed', async () => {
    await view(smallId);
    expect(await kept(smallId)).toHaveLength(1);
    await world.core.database.query('UPDATE messages SET html_body = NULL WHERE id = $1', [
      smallId,
    ]);
    expect(await kept(smallId)).toEqual([]);
    expect((await view(smallId)).json()).toMatchObject({ html: null, htmlTooLarge: false });
  });
});
