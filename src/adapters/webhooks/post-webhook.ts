import { Webhook } from 'standardwebhooks';

/** What came of one attempt to deliver: the receiver's status, or why it could not be reached. */
export type PostOutcome =
  { readonly ok: true; readonly status: number } | { readonly ok: false; readonly error: string };

/**
 * Posts one event signed per the Standard Webhooks specification
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature` over
 * `id.timestamp.body` with the endpoint's `whsec_` secret). The id stays the
 * same on every retry, so a receiver can tell a retry from a new event.
 * Only a 2xx status counts as delivered; redirects are not followed.
 */
export async function postWebhook(request: {
  readonly url: string;
  readonly secret: string;
  readonly id: string;
  readonly body: string;
  readonly timeoutMs: number;
}): Promise<PostOutcome> {
  // The receiver checks the timestamp against its own clock: it is the moment of sending.
  const at = new Date();
  const signature = new Webhook(request.secret).sign(request.id, at, request.body);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'webhook-id': request.id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: request.body,
    });
    await response.body?.cancel();
    return response.ok
      ? { ok: true, status: response.status }
      : { ok: false, error: `the receiver answered ${response.status}` };
  } catch (error) {
    return { ok: false, error: unreachable(error) };
  }
}

/** The library's words for a failed request, short and without the URL's secrets. */
function unreachable(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return 'the receiver did not answer in time';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string'
    ? `the receiver could not be reached (${code})`
    : 'the receiver could not be reached';
}

/** A new signing secret in the specification's form. */
export function newWebhookSecret(random: Buffer): string {
  return `whsec_${random.toString('base64')}`;
}
