import { seededRandom } from '../seeded-random.js';
import { bounceFormats, failureReasons } from './bounce-formats.js';
import { createCast } from './cast.js';
import { createComposer, type NoiseSample } from './compose.js';
import { listSamples } from './list-formats.js';
import { lookalikeSamples } from './lookalikes.js';
import { newsletterSamples } from './newsletter-formats.js';
import { reportSamples } from './report-formats.js';

export type { NoiseSample } from './compose.js';

const bouncesPerFormat = 7;

/** The seed the quality test and `bench:decide` report on. */
export const noiseCorpusSeed = 52_817;

/**
 * The labelled noise corpus: bounces in each MTA's own format, machine
 * reports and notifications, discussion list posts, newsletters a customer
 * sends from its own domain without list headers, and the human mail that
 * looks like each. The same seed gives the same messages; each message's
 * category is known by construction.
 */
export function generateNoiseCorpus(seed: number): NoiseSample[] {
  const random = seededRandom(seed);
  const c = createComposer(random);
  const cast = createCast(random);
  const bounces = bounceFormats.flatMap((format) =>
    Array.from({ length: bouncesPerFormat }, (): NoiseSample => {
      const sender = cast.us();
      const failed = cast.person(cast.customerDomain()).address;
      const { raw, status } = format.write({
        c,
        sender,
        failed,
        reason: random.pick(failureReasons),
        original: {
          subject: cast.topic(),
          messageId: c.messageId(cast.ourDomain),
          date: c.date(),
          body: `Hello,\n\nplease find the revised figures below.\n\nBest regards\n${sender.name}`,
        },
      });
      return {
        kind: `bounce/${format.mta}`,
        category: 'bounce',
        raw,
        failedRecipient: failed,
        ...(status ? { status } : {}),
      };
    }),
  );
  return [
    ...bounces,
    ...reportSamples(c, cast),
    ...listSamples(c, cast),
    ...newsletterSamples(c, cast),
    ...lookalikeSamples(c, cast),
  ];
}
