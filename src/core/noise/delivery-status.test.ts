import { describe, expect, it } from 'vitest';
import { deliveryFailure, describeDeliveryStatus } from './delivery-status.js';

describe('a bounce in words', () => {
  it('names the failed recipients and what the enhanced status means', () => {
    expect(deliveryFailure(['ada@acme.com'], '5.1.1')).toBe(
      'Delivery to ada@acme.com failed (status 5.1.1: bad destination mailbox address (no such user))',
    );
    expect(deliveryFailure(['a@x.example', 'b@x.example'], '5.2.2')).toBe(
      'Delivery to a@x.example, b@x.example failed (status 5.2.2: mailbox full)',
    );
  });

  it('falls back to the status class for a detail it does not know', () => {
    expect(describeDeliveryStatus('4.9.99')).toBe('4.9.99: temporary failure');
    expect(describeDeliveryStatus('5.9.99')).toBe('5.9.99: permanent failure');
  });

  it('reads an SMTP reply code where the MTA gave no enhanced status', () => {
    expect(describeDeliveryStatus('550')).toBe('550: mailbox unavailable');
    expect(describeDeliveryStatus('599')).toBe('599');
  });

  it('says so when the bounce names no recipient or no status', () => {
    expect(deliveryFailure([], null)).toBe('Delivery to a recipient failed (no status given)');
  });
});
