import { isInternalAddress, type DirectoryIndex } from '../directory/index.js';

/** Whether a message is sent tracked, and why not when it is not. */
export type TrackingChoice = { readonly track: true } | { readonly track: false; reason: string };

/**
 * Tracking is opt-in twice: the organisation allows it and the sender asks
 * for it on the message. One copy goes to every recipient, so a message
 * with any colleague or anyone who asked not to be tracked among its
 * recipients is sent untracked: their opens would count as the customer's.
 * Plain-text mail has no place for a pixel or a redirect.
 *
 * @example trackingChoice({ requested: true, allowed: true, recipients: ['ada@acme.test'], hasHtml: true }, directory) // { track: true }
 */
export function trackingChoice(
  message: {
    requested: boolean;
    allowed: boolean;
    recipients: readonly string[];
    hasHtml: boolean;
  },
  directory: DirectoryIndex,
): TrackingChoice {
  if (!message.requested) return { track: false, reason: 'not asked for' };
  if (!message.allowed) {
    return { track: false, reason: 'the organisation does not allow tracking' };
  }
  if (message.recipients.some((address) => directory.doNotTrack.has(address))) {
    return { track: false, reason: 'a recipient asked not to be tracked' };
  }
  if (message.recipients.some((address) => isInternalAddress(directory, address))) {
    return { track: false, reason: 'a recipient is a colleague' };
  }
  if (!message.hasHtml) return { track: false, reason: 'plain text has no place for tracking' };
  return { track: true };
}
