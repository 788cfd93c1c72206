import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { ThreadlineError } from '../../core/errors.js';
import { isPublicAddress } from './public-address.js';
import { threadlineImageProxy } from '../../core/tracking/judge-event.js';

export interface ImageFetchLimits {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /** Lets private and loopback addresses through: for tests that serve images locally. */
  readonly allowPrivateAddresses: boolean;
}

export interface FetchedImage {
  readonly contentType: string;
  readonly body: Buffer;
}

export const defaultImageFetchLimits: ImageFetchLimits = {
  maxBytes: 5 * 1024 * 1024,
  timeoutMs: 10_000,
  allowPrivateAddresses: false,
};

/** Raster formats only: an SVG is a document that can carry script. */
const imageTypes = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/x-icon',
  'image/vnd.microsoft.icon',
]);

/** Whether a content type is an image we serve from our origin. */
export function isServableImageType(contentType: string): boolean {
  return imageTypes.has(contentType.split(';')[0]!.trim().toLowerCase());
}

/**
 * One image from the web, for the image proxy: http or https only, to a
 * public address (the name is resolved, each address checked, and the
 * connection made to a checked one, so a second resolution cannot point
 * elsewhere), no cookies or credentials of ours, no redirects, a raster
 * image type, at most `maxBytes`, within `timeoutMs` overall.
 */
export async function fetchImage(
  url: string,
  limits: ImageFetchLimits = defaultImageFetchLimits,
): Promise<FetchedImage> {
  const target = URL.canParse(url) ? new URL(url) : null;
  if (!target || !['http:', 'https:'].includes(target.protocol)) {
    throw new ThreadlineError('VALIDATION_FAILED', 'Only http and https images are fetched');
  }
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) !== 0) requirePublic(literal, limits);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const allowed = addresses.find(
        (a) => limits.allowPrivateAddresses || isPublicAddress(a.address),
      );
      if (!allowed) {
        return callback(refusedHost(), '', 0);
      }
      // Asked for all addresses, Node expects the list back; asked for one, the one.
      if (options.all) return callback(null, [allowed]);
      callback(null, allowed.address, allowed.family);
    });
  };
  try {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = request(target, {
        lookup,
        signal,
        headers: { accept: 'image/*', 'user-agent': threadlineImageProxy },
      });
      outgoing.on('response', resolve).on('error', reject).end();
    });
    return await imageOf(response, limits, signal);
  } catch (error) {
    if (error instanceof ThreadlineError) throw error;
    if (signal.aborted)
      throw new ThreadlineError('TIMEOUT', 'The image host did not answer in time');
    throw new ThreadlineError('HOST_UNREACHABLE', 'The image host could not be reached');
  }
}

function requirePublic(address: string, limits: ImageFetchLimits): void {
  if (!limits.allowPrivateAddresses && !isPublicAddress(address)) throw refusedHost();
}

function refusedHost(): ThreadlineError {
  return new ThreadlineError('FORBIDDEN', 'Images are not fetched from private addresses');
}

async function imageOf(
  response: IncomingMessage,
  limits: ImageFetchLimits,
  signal: AbortSignal,
): Promise<FetchedImage> {
  const contentType = response.headers['content-type'] ?? '';
  const declared = Number(response.headers['content-length'] ?? 0);
  const problem =
    response.statusCode !== 200
      ? `The image host answered ${response.statusCode}`
      : !isServableImageType(contentType)
        ? `Not an image: ${contentType.slice(0, 100) || 'no content type'}`
        : declared > limits.maxBytes
          ? `The image is larger than ${limits.maxBytes} bytes`
          : null;
  if (problem) {
    response.destroy();
    throw new ThreadlineError('PROTOCOL_ERROR', problem);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limits.maxBytes) {
      response.destroy();
      throw new ThreadlineError(
        'PROTOCOL_ERROR',
        `The image is larger than ${limits.maxBytes} bytes`,
      );
    }
    chunks.push(chunk);
  }
  signal.throwIfAborted();
  return {
    contentType: contentType.split(';')[0]!.trim().toLowerCase(),
    body: Buffer.concat(chunks),
  };
}
