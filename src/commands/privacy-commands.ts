import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { z } from 'zod';
import { localOperator } from '../services/auth/local-operator.js';
import type { DataCommand } from './command-context.js';

export const privacyExportOptions = z.object({
  address: z.string().min(1),
  out: z
    .string()
    .min(1)
    .transform((dir) => resolve(dir)),
});

/**
 * `threadline privacy export ADDRESS --out DIR`: person.json (as the API's
 * export) and the stored attachment files under attachments/, each named by
 * its SHA-256 and referred to by the `file` of its attachment entry.
 */
export const privacyExport: DataCommand<z.infer<typeof privacyExportOptions>> = {
  async run({ app, out }, { address, out: dir }) {
    const person = await app.people.exportPerson(localOperator, { address });
    await mkdir(join(dir, 'attachments'), { recursive: true });
    let files = 0;
    const messages = [];
    for (const message of person.messages) {
      const attachments = [];
      for (const attachment of message.attachments) {
        const file = attachment.sha256 ? `attachments/${attachment.sha256}` : null;
        const stored = attachment.sha256 !== null && (await app.attachments.has(attachment.sha256));
        if (stored && attachment.sha256) {
          await pipeline(
            await app.attachments.open(attachment.sha256),
            createWriteStream(join(dir, `attachments/${attachment.sha256}`), { mode: 0o600 }),
          );
          files += 1;
        }
        attachments.push({ ...attachment, file: stored ? file : null });
      }
      messages.push({ ...message, attachments });
    }
    await writeFile(
      join(dir, 'person.json'),
      `${JSON.stringify({ ...person, messages }, null, 2)}\n`,
      { mode: 0o600 },
    );
    out(
      `${join(dir, 'person.json')}: ${person.addresses.length} addresses, ${person.contacts.length} contacts, ${person.leads.length} leads, ${person.messages.length} messages, ${files} attachment files\n`,
    );
    return 0;
  },
};

export const privacyEraseOptions = z.object({ address: z.string().min(1), yes: z.boolean() });

/** `threadline privacy erase ADDRESS --yes`: the erasure rule of services/privacy/people.ts. */
export const privacyErase: DataCommand<z.infer<typeof privacyEraseOptions>> = {
  async run({ app, out, err }, { address, yes }) {
    if (!yes) {
      err('Erasing cannot be undone: run again with --yes to erase this person.\n');
      return 1;
    }
    const report = await app.people.erasePerson(localOperator, { address });
    out(`${JSON.stringify(report)}\n`);
    return 0;
  },
};
