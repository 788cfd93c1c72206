import {
  isAppleMailAgent,
  isAppleProxyAddress,
  isGmailImageProxy,
  scannerNamed,
} from './machine-signs.js';

export type TrackingKind = 'open' | 'click';

/** Who caused an event: only `human` ones count as the recipient reading or clicking. */
export type TrackingVerdict = 'human' | 'machine' | 'sender';

/** One request to the pixel or a click redirect, as it arrived. */
export interface TrackingRequest {
  readonly kind: TrackingKind;
  /** Which link of the message, for a click. */
  readonly link: number | null;
  readonly at: Date;
  readonly method: string;
  readonly userAgent: string;
  readonly ip: string | null;
  /** Someone signed in to Threadline made it (their browser sent its cookie). */
  readonly signedIn: boolean;
}

/** What is known of the message and its earlier events when a request arrives. */
export interface TrackedContext {
  /** When the message was handed to the mail server; null while it waits. */
  readonly sentAt: Date | null;
  /** The address the sender wrote it from. */
  readonly senderIp: string | null;
  readonly linkCount: number;
  readonly earlier: readonly { kind: TrackingKind; link: number | null; at: Date }[];
}

export interface TrackingJudgement {
  readonly verdict: TrackingVerdict;
  readonly reason: string;
}

/** The user agent Threadline's reader fetches remote images with (adapters/web-images). */
export const threadlineImageProxy = 'Threadline image proxy';

/** Machine clicks come this soon after delivery: scanners check mail as it arrives. */
export const scannerWindowMs = 30_000;
/** Mail Privacy Protection prefetches as the message is delivered. */
export const prefetchWindowMs = 120_000;
/** Clicks on several links closer together than this were not made by hand. */
const burstWindowMs = 5_000;

/**
 * Judges one open or click: a person, a machine (a mail-privacy proxy or
 * a link scanner) or the sender, always with the reason, the first sign
 * found in the order below.
 *
 * @example judgeTrackingEvent({ kind: 'open', userAgent: 'GoogleImageProxy', ... }, context).verdict // 'machine'
 */
export function judgeTrackingEvent(
  request: TrackingRequest,
  context: TrackedContext,
): TrackingJudgement {
  const sign = senderSign(request, context) ?? proxySign(request, context);
  if (sign) return sign;
  if (request.kind === 'click') {
    const scanner = scannerSign(request, context);
    if (scanner) return { verdict: 'machine', reason: scanner };
  } else if (scannerNamed(request.userAgent)) {
    return { verdict: 'machine', reason: `security scanner (${scannerNamed(request.userAgent)})` };
  }
  return { verdict: 'human', reason: 'no machine sign: a person’s mail client or browser' };
}

function senderSign(request: TrackingRequest, context: TrackedContext): TrackingJudgement | null {
  if (request.signedIn) {
    return { verdict: 'sender', reason: 'made by someone signed in to Threadline' };
  }
  if (request.userAgent === threadlineImageProxy) {
    return { verdict: 'sender', reason: 'Threadline’s image proxy, showing it to a user' };
  }
  if (request.ip && context.senderIp && request.ip === context.senderIp) {
    return { verdict: 'sender', reason: 'from the address the sender wrote it from' };
  }
  return null;
}

function proxySign(request: TrackingRequest, context: TrackedContext): TrackingJudgement | null {
  if (request.method === 'HEAD') {
    return { verdict: 'machine', reason: 'a HEAD request: a scanner checking the link' };
  }
  if (isGmailImageProxy(request.userAgent)) {
    return { verdict: 'machine', reason: 'Gmail’s image proxy fetched it' };
  }
  if (isAppleProxyAddress(request.ip)) {
    return { verdict: 'machine', reason: 'Apple Mail Privacy Protection (an Apple proxy address)' };
  }
  const sinceSent = millisSinceSent(request, context);
  if (
    request.kind === 'open' &&
    isAppleMailAgent(request.userAgent) &&
    sinceSent !== null &&
    sinceSent < prefetchWindowMs
  ) {
    return {
      verdict: 'machine',
      reason: 'Apple Mail Privacy Protection (Apple Mail prefetching at delivery)',
    };
  }
  return null;
}

function scannerSign(request: TrackingRequest, context: TrackedContext): string | null {
  const named = scannerNamed(request.userAgent);
  if (named) return `security link scanner (${named})`;
  const sinceSent = millisSinceSent(request, context);
  if (sinceSent !== null && sinceSent < scannerWindowMs) {
    return `clicked ${Math.max(0, Math.round(sinceSent / 1000))} s after delivery: a link scanner`;
  }
  const burst = new Set(
    context.earlier
      .filter((e) => e.kind === 'click' && request.at.getTime() - e.at.getTime() < burstWindowMs)
      .map((e) => e.link),
  );
  burst.add(request.link);
  if (burst.size >= Math.min(3, Math.max(2, context.linkCount))) {
    return `${burst.size} links clicked within ${burstWindowMs / 1000} s: a link scanner`;
  }
  const opened = context.earlier.some((e) => e.kind === 'open');
  if (!opened && sinceSent !== null && sinceSent < prefetchWindowMs) {
    return 'clicked soon after delivery with no open before it: a link scanner';
  }
  return null;
}

function millisSinceSent(request: TrackingRequest, context: TrackedContext): number | null {
  return context.sentAt ? request.at.getTime() - context.sentAt.getTime() : null;
}
