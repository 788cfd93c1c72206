import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../../test/support/backends.js';
import {
  emails,
  mail,
  openSharingWorld,
  type Person,
  type SharingWorld,
} from '../../../../test/support/sharing-world.js';
import { searchQuery } from '../../../core/search/search-terms.js';
import { readerOf } from '../../../services/timeline/mail-reads-service.js';
import { mailReadsRepository } from './mail-reads.js';

const note = (owner: string, n: number, words: string) =>
  mail({
    id: `<${owner}-${n}@acme.com>`,
    from: 'grace.hopper@acme.com',
    to: `${owner}@threadline.example`,
    subject: `Note ${n}`,
    // Two notes share each minute, so the cursor's tie-breakers are exercised.
    date: new Date(Date.UTC(2025, 2, 1, 9, Math.floor(n / 2))).toUTCString(),
    text: `${words} number ${n}`,
  });

/**
 * The search reaches a rare word through the word index and a common one by
 * walking the date index: both ways must give the same hits, in the same
 * order, page after page, to every reader.
 */
describe.each(testBackends())(
  'search by the word index or by date on the %s backend',
  (backend) => {
    let world: SharingWorld;

    beforeAll(async () => {
      world = await openSharingWorld(backend);
      const rita = Array.from({ length: 9 }, (_, n) =>
        note('rita', n, n % 3 === 0 ? 'budget freight' : 'budget'),
      );
      const ravi = Array.from({ length: 6 }, (_, n) => note('ravi', n + 20, 'budget freight'));
      await world.importMail('rita', ...rita);
      await world.importMail('ravi', ...ravi);
      const shared = await world.app.inject({
        method: 'PUT',
        url: '/api/me/sharing',
        headers: world.as('rita'),
        payload: { mode: 'public', excludedDomains: [], sharedWith: [] },
      });
      expect(shared.statusCode).toBe(200);
    });
    afterAll(async () => world.close());

    async function allPages(person: Person, text: string, rareWordHits: number) {
      const user = await world.core.auth.findUserByEmail(emails[person]);
      const reads = mailReadsRepository(world.core.database, { rareWordHits });
      const terms = searchQuery(text)!;
      const subjects: string[] = [];
      let after: { at: string; threadId: string; id: string } | null = null;
      for (;;) {
        const page = await reads.search(readerOf(user!), { terms, after, limit: 2, offset: 0 });
        subjects.push(...page.map((hit) => hit.subject ?? ''));
        const last = page.at(-1);
        if (page.length < 2 || !last) return subjects;
        after = { at: last.cursorAt, threadId: last.threadId, id: last.id };
      }
    }

    it.each([
      ['rita', 'budget', 9],
      ['rita', 'freight', 3],
      ['ravi', 'freight', 9],
      ['olga', 'budget', 9],
      ['olga', 'freight', 3],
      ['olga', 'zebra', 0],
    ] as const)('%s searching %s finds %i hits either way', async (person, text, hits) => {
      const byWord = await allPages(person, text, 1000);
      const byDate = await allPages(person, text, 0);
      expect(byWord).toHaveLength(hits);
      expect(byDate).toEqual(byWord);
    });
  },
);
