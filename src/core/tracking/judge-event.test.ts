import { describe, expect, it } from 'vitest';
import { recordedRequests } from '../../../test/support/tracking-requests.js';
import { judgeTrackingEvent, type TrackedContext, type TrackingRequest } from './judge-event.js';

const sentAt = new Date('2026-03-03T09:00:00Z');
const later = (seconds: number) => new Date(sentAt.getTime() + seconds * 1000);
const context: TrackedContext = { sentAt, senderIp: '198.51.100.7', linkCount: 3, earlier: [] };

function request(
  pattern: { method: string; userAgent: string; ip: string },
  fields: Partial<TrackingRequest> = {},
): TrackingRequest {
  return { kind: 'open', link: null, at: later(3600), signedIn: false, ...pattern, ...fields };
}

describe('judging an open or a click', () => {
  it('counts a person’s open and click, an hour after delivery, as human', () => {
    const open = judgeTrackingEvent(request(recordedRequests.person), context);
    expect(open.verdict).toBe('human');
    const click = judgeTrackingEvent(
      request(recordedRequests.person, { kind: 'click', link: 0, at: later(3700) }),
      { ...context, earlier: [{ kind: 'open', link: null, at: later(3600) }] },
    );
    expect(click).toEqual({ verdict: 'human', reason: expect.stringContaining('no machine') });
  });

  it('tells Apple Mail Privacy Protection by its proxy address, whenever it comes', () => {
    const judged = judgeTrackingEvent(
      request(recordedRequests.appleMailPrivacyProtection),
      context,
    );
    expect(judged).toEqual({ verdict: 'machine', reason: expect.stringContaining('Apple Mail') });
  });

  it('tells Apple Mail prefetching at delivery from a later read in Apple Mail', () => {
    const prefetch = request(recordedRequests.appleMailPrefetch, { at: later(20) });
    expect(judgeTrackingEvent(prefetch, context).verdict).toBe('machine');
    const read = request(recordedRequests.appleMailPrefetch, { at: later(7200) });
    expect(judgeTrackingEvent(read, context).verdict).toBe('human');
  });

  it('does not count Gmail’s image proxy', () => {
    const judged = judgeTrackingEvent(request(recordedRequests.gmailImageProxy), context);
    expect(judged).toEqual({ verdict: 'machine', reason: 'Gmail’s image proxy fetched it' });
  });

  it('does not count a scanner clicking seconds after delivery with a browser’s user agent', () => {
    const click = request(recordedRequests.safeLinksScanner, {
      kind: 'click',
      link: 0,
      at: later(4),
    });
    expect(judgeTrackingEvent(click, context)).toEqual({
      verdict: 'machine',
      reason: 'clicked 4 s after delivery: a link scanner',
    });
  });

  it('does not count a HEAD request or a scanner named in the user agent', () => {
    const head = request(recordedRequests.headCheck, { kind: 'click', link: 1 });
    expect(judgeTrackingEvent(head, context).reason).toContain('HEAD');
    const named = request(
      { ...recordedRequests.person, userAgent: 'Mimecast URL protect' },
      { kind: 'click', link: 1 },
    );
    expect(judgeTrackingEvent(named, context).reason).toBe('security link scanner (Mimecast)');
  });

  it('does not count every link clicked at once', () => {
    const earlier = [0, 1].map((link) => ({ kind: 'click' as const, link, at: later(3599) }));
    const third = request(recordedRequests.person, { kind: 'click', link: 2 });
    const judged = judgeTrackingEvent(third, {
      ...context,
      earlier: [{ kind: 'open', link: null, at: later(100) }, ...earlier],
    });
    expect(judged.reason).toBe('3 links clicked within 5 s: a link scanner');
  });

  it('does not count a click soon after delivery with no open before it', () => {
    const click = request(recordedRequests.person, { kind: 'click', link: 0, at: later(60) });
    expect(judgeTrackingEvent(click, context).reason).toContain('no open before it');
  });

  it('puts the sender’s own opens apart: signed in, or from the address they wrote from', () => {
    const signedIn = request(recordedRequests.person, { signedIn: true });
    expect(judgeTrackingEvent(signedIn, context).verdict).toBe('sender');
    const sameAddress = request({ ...recordedRequests.person, ip: '198.51.100.7' });
    expect(judgeTrackingEvent(sameAddress, context).verdict).toBe('sender');
  });
});
