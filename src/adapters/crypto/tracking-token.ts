import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** What a tracking token stands for: a tracked message's pixel, or one of its links. */
export type TrackingTarget =
  | { readonly kind: 'open'; readonly trackedId: string }
  | { readonly kind: 'click'; readonly trackedId: string; readonly link: number };

export interface TrackingTokens {
  sign(target: TrackingTarget): string;
  /** The target of a genuine token; null for anything else, altered or made up. */
  verify(token: string): TrackingTarget | null;
}

const version = 1;
const openMark = 0xffff;
const macBytes = 16;
const tokenBytes = 1 + 16 + 2 + macBytes;

/**
 * Tokens for the tracking pixel and click redirects: the tracked message's
 * random id and the link's number, under an HMAC-SHA256 with a key derived
 * from the organisation's secret key (HKDF, its own purpose). Checked
 * without a read, so a forged or altered token costs the store nothing.
 */
export function createTrackingTokens(secretKey: Buffer): TrackingTokens {
  const key = Buffer.from(
    hkdfSync('sha256', secretKey, Buffer.alloc(0), 'threadline tracking token', 32),
  );
  const mac = (body: Buffer) =>
    createHmac('sha256', key).update(body).digest().subarray(0, macBytes);
  return {
    sign(target) {
      const body = Buffer.alloc(tokenBytes - macBytes);
      body.writeUInt8(version, 0);
      Buffer.from(target.trackedId.replace(/-/g, ''), 'hex').copy(body, 1);
      body.writeUInt16BE(target.kind === 'open' ? openMark : target.link, 17);
      return Buffer.concat([body, mac(body)]).toString('base64url');
    },
    verify(token) {
      if (!/^[A-Za-z0-9_-]{47}$/.test(token)) return null;
      const bytes = Buffer.from(token, 'base64url');
      // The last character carries two spare bits: one token has one spelling, never four.
      if (bytes.toString('base64url') !== token) return null;
      const body = bytes.subarray(0, tokenBytes - macBytes);
      if (bytes.length !== tokenBytes || body.readUInt8(0) !== version) return null;
      if (!timingSafeEqual(bytes.subarray(tokenBytes - macBytes), mac(body))) return null;
      const hex = body.subarray(1, 17).toString('hex');
      const trackedId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      const link = body.readUInt16BE(17);
      return link === openMark ? { kind: 'open', trackedId } : { kind: 'click', trackedId, link };
    },
  };
}
