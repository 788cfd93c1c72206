/**
 * What the enhanced status codes of RFC 3463 (and the SMTP reply codes of
 * RFC 5321, which older MTAs give instead) mean, in the words a rep reads.
 */
const enhancedDetails: Readonly<Record<string, string>> = {
  '1.0': 'other address status',
  '1.1': 'bad destination mailbox address (no such user)',
  '1.2': 'bad destination system address (no such domain)',
  '1.3': 'bad destination mailbox address syntax',
  '1.6': 'destination mailbox has moved',
  '1.10': 'recipient address has a null MX',
  '2.0': 'other mailbox status',
  '2.1': 'mailbox disabled, not accepting messages',
  '2.2': 'mailbox full',
  '2.3': 'message too large for the mailbox',
  '3.0': 'other mail system status',
  '3.1': 'mail system full',
  '3.4': 'message too big for the system',
  '4.0': 'other network or routing status',
  '4.1': 'no answer from host',
  '4.2': 'bad connection',
  '4.3': 'directory server failure',
  '4.4': 'unable to route',
  '4.7': 'delivery time expired',
  '5.0': 'other protocol status',
  '6.0': 'other media error',
  '7.0': 'other security status (refused by policy)',
  '7.1': 'delivery not authorised, message refused',
  '7.26': 'multiple authentication checks failed',
};

const classWords: Readonly<Record<string, string>> = {
  '2': 'delivered',
  '4': 'temporary failure',
  '5': 'permanent failure',
};

const smtpReplies: Readonly<Record<string, string>> = {
  '421': 'service not available',
  '450': 'mailbox unavailable (temporary)',
  '451': 'local error in processing',
  '452': 'insufficient storage',
  '550': 'mailbox unavailable',
  '551': 'user not local',
  '552': 'exceeded storage allocation',
  '553': 'mailbox name not allowed',
  '554': 'transaction failed',
};

/**
 * A delivery status in words: the code, and what it means when it is known.
 *
 * @example describeDeliveryStatus('5.1.1') // '5.1.1: bad destination mailbox address (no such user)'
 * @example describeDeliveryStatus('550') // '550: mailbox unavailable'
 */
export function describeDeliveryStatus(status: string): string {
  const enhanced = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(status);
  if (enhanced) {
    const [, kind, subject, detail] = enhanced;
    const meaning = enhancedDetails[`${subject}.${detail}`] ?? `${classWords[kind!]}`;
    return `${status}: ${meaning}`;
  }
  const meaning = smtpReplies[status];
  return meaning ? `${status}: ${meaning}` : status;
}

/**
 * The sentence the reader shows for a bounce: who could not be reached and why.
 *
 * @example deliveryFailure(['ada@acme.com'], '5.1.1')
 * // 'Delivery to ada@acme.com failed (status 5.1.1: bad destination mailbox address (no such user))'
 */
export function deliveryFailure(
  failedRecipients: readonly string[],
  status: string | null,
): string {
  const who = failedRecipients.length > 0 ? failedRecipients.join(', ') : 'a recipient';
  return status
    ? `Delivery to ${who} failed (status ${describeDeliveryStatus(status)})`
    : `Delivery to ${who} failed (no status given)`;
}
