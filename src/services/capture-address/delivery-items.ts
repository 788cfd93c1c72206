import { addressedTo, composeForwarded, readDelivered } from '../../adapters/mime/forwarding.js';
import { captureSecretOf } from '../../core/capture-address/address.js';
import { filingOf } from '../../core/capture-address/filing.js';
import {
  forwardOriginalQuery,
  type ForwardOriginalQuery,
} from '../../core/capture-address/forward-original.js';
import { forwardedDate } from '../../core/capture-address/inline-forward.js';
import type { IngestItem } from '../capture/batch-types.js';

/** What a delivery files, and for an inline forward, how to find the message it quotes. */
export interface Delivery {
  readonly items: IngestItem[];
  readonly quoted: { readonly query: ForwardOriginalQuery; readonly body: string } | null;
}

/**
 * The messages a delivery to the capture address files: the delivered
 * message itself (a BCC copy), each message attached to a forward, or the
 * message quoted in an inline forward, rebuilt with its own participants.
 * A delivery that cannot be read is handed on as it came, for the capture
 * pipeline to quarantine with its reason: nothing delivered is dropped.
 *
 * A rebuilt message carries no Message-ID of its own (clients do not quote
 * it), so it cannot meet the original by its key: `quoted` says what to look
 * the original up by.
 */
export async function deliveryItems(
  raw: Uint8Array,
  context: { domain: string; source: string; now: Date },
): Promise<Delivery> {
  const asSent: Delivery = {
    items: [{ raw, truncated: false, source: context.source, location: null }],
    quoted: null,
  };
  let delivered;
  try {
    const isCapture = (address: string) => 'secret' in captureSecretOf(address, context.domain);
    // A BCC copy is filed as it is: its body need not be parsed here.
    if (!addressedTo(raw).some(isCapture)) return asSent;
    delivered = await readDelivered(raw);
  } catch {
    return asSent;
  }
  const filing = filingOf({
    addressedToCapture: true,
    text: delivered.text,
    attachedMessages: delivered.attachedMessages.length,
  });
  switch (filing.kind) {
    case 'as_sent':
      return asSent;
    case 'attached':
      return {
        items: delivered.attachedMessages.map((message, index) => ({
          raw: message,
          truncated: false,
          source: `${context.source} attached ${index + 1}`,
          location: null,
        })),
        quoted: null,
      };
    case 'inline': {
      const written = forwardedDate(filing.forward.fields.date);
      const date = written ?? delivered.date ?? context.now;
      const query = forwardOriginalQuery(filing.forward, written);
      try {
        const rebuilt = await composeForwarded(filing.forward, {
          forwardId: delivered.messageId,
          date,
        });
        return {
          items: [
            { raw: rebuilt, truncated: false, source: `${context.source} inline`, location: null },
          ],
          quoted: query ? { query, body: filing.forward.body } : null,
        };
      } catch {
        // A quoted block the composer refuses (a From it cannot read): the forward is kept as sent.
        return asSent;
      }
    }
  }
}
