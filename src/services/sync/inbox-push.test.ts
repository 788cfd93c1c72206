import { describe, expect, it } from 'vitest';
import { inboxPushTracker } from './inbox-push.js';

describe('what a watcher learns of whether its server pushes new mail', () => {
  const tracker = () => {
    const recorded: [string, number | null][] = [];
    const pushes = inboxPushTracker({
      pollMs: 15_000,
      renewMs: 600_000,
      record: async (id, seconds) => {
        recorded.push([id, seconds]);
      },
    });
    return { pushes, recorded };
  };

  it('waits a short round until the server has pushed, then a long one', async () => {
    const { pushes, recorded } = tracker();
    expect(pushes.waitMs('m')).toBe(15_000);
    await pushes.waited('m', 'exists');
    expect(pushes.waitMs('m')).toBe(600_000);
    expect(recorded).toEqual([['m', null]]);
  });

  it('takes new mail found after a round that heard nothing for a server that does not push', async () => {
    const { pushes, recorded } = tracker();
    await pushes.waited('m', 'timeout');
    await pushes.foundNewMail('m');
    await pushes.waited('m', 'timeout');
    await pushes.foundNewMail('m');
    expect(recorded).toEqual([['m', 15]]);
    expect(pushes.waitMs('m')).toBe(15_000);
    // Pushing again, it is believed again.
    await pushes.waited('m', 'exists');
    expect(recorded).toEqual([
      ['m', 15],
      ['m', null],
    ]);
  });

  it('does not blame the server for mail that came while nobody listened', async () => {
    const { pushes, recorded } = tracker();
    await pushes.foundNewMail('m');
    await pushes.waited('m', 'exists');
    await pushes.foundNewMail('m');
    expect(recorded).toEqual([['m', null]]);
  });
});
