import { addressedTo, composeForwarded, readDelivered } from '../../adapters/mime/forwarding.js';
import { captureSecretOf } from '../../core/capture-address/address.js';
import { filingOf } from '../../core/capture-address/filing.js';
import { forwardedDate } from '../../core/capture-address/inline-forward.js';
import type { IngestItem } from '../capture/batch-types.js';

/**
 * The messages a delivery to the capture address files: the delivered
 * message itself (a BCC copy), each message attached to a forward, or the
 * message quoted in an inline forward, rebuilt with its own participants.
 * A delivery that cannot be read is handed on as it came, for the capture
 * pipeline to quarantine with its reason: nothing delivered is dropped.
 */
export async function deliveryItems(
  raw: Uint8Array,
  context: { domain: string; source: string; now: Date },
): Promise<IngestItem[]> {
  const asSent: IngestItem[] = [{ raw, truncated: false, source: context.source, location: null }];
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
      return delivered.attachedMessages.map((message, index) => ({
        raw: message,
        truncated: false,
        source: `${context.source} attached ${index + 1}`,
        location: null,
      }));
    case 'inline': {
      const date = forwardedDate(filing.forward.fields.date) ?? delivered.date ?? context.now;
      try {
        const rebuilt = await composeForwarded(filing.forward, {
          forwardId: delivered.messageId,
          date,
        });
        return [
          { raw: rebuilt, truncated: false, source: `${context.source} inline`, location: null },
        ];
      } catch {
        // A quoted block the composer refuses (a From it cannot read): the forward is kept as sent.
        return asSent;
      }
    }
  }
}
