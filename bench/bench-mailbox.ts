import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A realistic, deterministic mailbox for benchmarks: about 40% of messages
 * involve CRM contacts (some as replies in threads), the rest newsletters,
 * notifications, auto-replies, colleagues and strangers from hundreds of
 * domains; HTML parts, and 9% carry a 50–500 KB attachment.
 */
export function createBenchMail(seed: number) {
  const accounts = 500;
  const contactsPerAccount = 4;
  const ownerEmail = 'rep@northwind.example';
  const random = (n: number, salt: number) => {
    let x = (n * 2_654_435_761 + salt * 40_503 + seed) >>> 0;
    x ^= x >>> 16;
    x = Math.imul(x, 2_246_822_507) >>> 0;
    x ^= x >>> 13;
    return (x >>> 0) / 4_294_967_296;
  };
  const pick = (n: number, salt: number, size: number) => Math.floor(random(n, salt) * size);
  const contactEmail = (account: number, person: number) =>
    `person${person}@customer${account}.example`;
  const date = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 37_000).toUTCString();
  const words =
    'pricing renewal contract proposal meeting invoice delivery support quote roadmap'.split(' ');
  const paragraph = (n: number, length: number) =>
    Array.from({ length }, (_, i) => words[pick(n, i, words.length)]).join(' ');

  function compose(fields: {
    n: number;
    from: string;
    to: string;
    subject: string;
    headers?: string[];
    html?: boolean;
    attachmentBytes?: number;
    messageId?: string;
  }): Buffer {
    const boundary = `b${fields.n}`;
    const text = `${paragraph(fields.n, 300)}\r\n`;
    const parts = [
      `From: ${fields.from}`,
      `To: ${fields.to}`,
      `Subject: ${fields.subject}`,
      `Date: ${date(fields.n)}`,
      `Message-ID: ${fields.messageId ?? `<m${fields.n}@bench.example>`}`,
      'MIME-Version: 1.0',
      ...(fields.headers ?? []),
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
    ];
    if (fields.html) {
      parts.push(
        `--${boundary}`,
        'Content-Type: text/html; charset=utf-8',
        '',
        `<html><body><table><tr><td><p>${text.repeat(3)}</p></td></tr></table><img src="https://track.example/p.gif"></body></html>`,
      );
    }
    if (fields.attachmentBytes) {
      const content = Buffer.alloc(fields.attachmentBytes, fields.n % 251).toString('base64');
      parts.push(
        `--${boundary}`,
        'Content-Type: application/pdf; name="document.pdf"',
        'Content-Disposition: attachment; filename="document.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        content.replace(/.{76}/g, '$&\r\n'),
      );
    }
    parts.push(`--${boundary}--`, '');
    return Buffer.from(parts.join('\r\n'));
  }

  return {
    ownerEmail,
    customerDomain: 'customer1.example',
    accounts,
    contactsPerAccount,
    contactEmail,

    message(n: number): Buffer {
      const kind = pick(n, 1, 100);
      const attachmentBytes = pick(n, 2, 100) < 9 ? 50_000 + pick(n, 3, 450_000) : 0;
      const account = pick(n, 4, accounts);
      const person = pick(n, 5, contactsPerAccount);
      const customer = contactEmail(account, person);
      if (kind < 40) {
        const reply = kind < 15 && n > 10;
        const outgoing = kind % 2 === 0;
        return compose({
          n,
          from: outgoing ? ownerEmail : customer,
          to: outgoing ? customer : ownerEmail,
          subject: `${reply ? 'Re: ' : ''}${words[account % words.length]} for account ${account}`,
          headers: reply
            ? [`In-Reply-To: <m${n - 7}@bench.example>`, `References: <m${n - 7}@bench.example>`]
            : [],
          html: kind % 3 === 0,
          attachmentBytes,
        });
      }
      if (kind < 65) {
        const brand = pick(n, 6, 300);
        return compose({
          n,
          from: `news@brand${brand}.example`,
          to: ownerEmail,
          subject: `This week's offers ${n}`,
          headers: [
            `List-Unsubscribe: <mailto:unsubscribe@brand${brand}.example>`,
            `List-Id: <offers.brand${brand}.example>`,
          ],
          html: true,
          attachmentBytes,
        });
      }
      if (kind < 75) {
        return compose({
          n,
          from: `noreply@service${pick(n, 7, 100)}.example`,
          to: ownerEmail,
          subject: `Your report ${n} is ready`,
          attachmentBytes,
        });
      }
      if (kind < 85) {
        return compose({
          n,
          from: `colleague${pick(n, 8, 20)}@northwind.example`,
          to: ownerEmail,
          subject: `Internal: ${words[n % words.length]}`,
          attachmentBytes,
        });
      }
      if (kind < 95) {
        return compose({
          n,
          from: `someone@unknown${pick(n, 9, 400)}.example`,
          to: ownerEmail,
          subject: `Hello ${n}`,
          html: true,
          attachmentBytes,
        });
      }
      return compose({
        n,
        from: customer,
        to: ownerEmail,
        subject: 'Automatic reply: out of office',
        headers: ['Auto-Submitted: auto-replied'],
      });
    },

    /** A customer's message for the IDLE measurement. */
    liveMessage(n: number): Buffer {
      return compose({
        n: 1_000_000 + n,
        from: contactEmail(1, 0),
        to: ownerEmail,
        subject: `Live question ${n}`,
        messageId: `<live-${n}@customer1.example>`,
      });
    },
  };
}

/** Where the CRM's contacts are, so that rules on a country have mail to act on. */
const contactCountries = ['DE', 'FR', 'ES', 'IT', 'NL', 'PT', 'GB', 'US'];

/** The CRM that goes with the mailbox, as the CSV import reads it. */
export async function writeBenchCrm(
  dir: string,
  mail: ReturnType<typeof createBenchMail>,
): Promise<void> {
  const accounts = ['external_id,name,domains,parent_external_id,owner_email'];
  const contacts = [
    'external_id,account_external_id,first_name,last_name,emails,title,country,owner_email',
  ];
  for (let a = 0; a < mail.accounts; a += 1) {
    accounts.push(`A-${a},Customer ${a},customer${a}.example,,`);
    for (let p = 0; p < mail.contactsPerAccount; p += 1) {
      const country = contactCountries[(a + p) % contactCountries.length];
      contacts.push(`C-${a}-${p},A-${a},Person,${p},${mail.contactEmail(a, p)},,${country},`);
    }
  }
  await writeFile(join(dir, 'accounts.csv'), `${accounts.join('\n')}\n`);
  await writeFile(join(dir, 'contacts.csv'), `${contacts.join('\n')}\n`);
  await writeFile(join(dir, 'settings.csv'), 'key,value\ninternal_domains,northwind.example\n');
}
