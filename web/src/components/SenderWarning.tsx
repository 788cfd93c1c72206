import type { MessageView } from '../api';

const sources: Record<NonNullable<MessageView['senderAuth']>['source'], string> = {
  smtp: 'checked when it was received',
  'authentication-results': 'as the receiving mail server reported',
  verified: 'checked from the message',
};

/**
 * A clear warning over a message whose sender is not proven: who it claims
 * to be from may be forged, so it was filed nowhere and waits in review.
 */
export function SenderWarning({ message }: { message: MessageView }) {
  if (!message.senderWarning) return null;
  const auth = message.senderAuth;
  return (
    <div className="error sender-warning" role="alert">
      <strong>This message may not be from who it says.</strong>{' '}
      {message.senderWarning.replace(
        /^sender not authenticated: /,
        'Its sender is not authenticated: ',
      )}
      .{' '}
      {auth
        ? `SPF ${auth.spf}, DKIM ${auth.dkim}, DMARC ${auth.dmarc} (${sources[auth.source]}). `
        : ''}
      It was not filed on any record; check it before including it from the review queue.
    </div>
  );
}
