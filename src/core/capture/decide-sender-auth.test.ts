import { describe, expect, it } from 'vitest';
import { directoryForTest, ids } from '../../../test/support/directory-for-test.js';
import { messageForTest } from '../../../test/support/message-for-test.js';
import { classifyNoise } from '../noise/classify-noise.js';
import type { ParsedMessage } from '../message.js';
import type { SenderAuth } from '../sender-auth/verdict.js';
import { decideBatch } from './decide-batch.js';

const spoofed: SenderAuth = {
  spf: 'fail',
  dkim: 'fail',
  dmarc: 'fail',
  source: 'smtp',
  domain: 'acme.example',
  policy: 'reject',
  arc: 'none',
  arcTrusted: false,
};

function decided(message: ParsedMessage, senderAuth: SenderAuth | null) {
  const { verdicts } = decideBatch({
    messages: [
      {
        message,
        noise: classifyNoise(message),
        threadId: 't-1',
        duplicate: false,
        untracked: false,
        senderAuth,
      },
    ],
    directory: directoryForTest(),
    ownerId: ids.sam,
    createContacts: true,
    contexts: new Map(),
    now: new Date('2025-03-01T12:00:00Z'),
  });
  return verdicts[0]!;
}

describe('deciding on mail whose sender is not authenticated', () => {
  it('holds it for review with the reason, proposing no contact and linking no account by domain', () => {
    const message = messageForTest({ from: 'newcomer@acme.example' });
    const trusted = decided(message, null);
    expect(trusted.decision.links.map((l) => l.reason)).toContain('domain acme.example');
    expect(trusted.proposals).toHaveLength(1);

    const held = decided(message, spoofed);
    expect(held.decision.heldForReview).toBe(true);
    expect(held.decision.reasons[0]).toBe(
      'sender not authenticated: DMARC fail for acme.example (p=reject)',
    );
    expect(held.decision.links).toEqual([]);
    expect(held.proposals).toEqual([]);
  });

  it('keeps only what the address names exactly: no case or deal taken from the subject', () => {
    const message = messageForTest({ subject: 'Re: Case 10234 renewal [D-1]' });
    const held = decided(message, spoofed);
    expect(held.decision.links.map((l) => `${l.type} ${l.reason}`).sort()).toEqual([
      "account contact's account",
      'contact address ada@acme.example',
    ]);
  });

  it('files authenticated mail exactly as without the check', () => {
    const message = messageForTest({ from: 'newcomer@acme.example' });
    const passed = { ...spoofed, spf: 'pass', dkim: 'pass', dmarc: 'pass' } as const;
    expect(decided(message, passed)).toEqual(decided(message, null));
  });

  it('leaves mail it would not capture anyway as it was', () => {
    const message = messageForTest({ from: 'someone@unknown.example' });
    expect(decided(message, { ...spoofed, domain: 'unknown.example' })).toEqual(
      decided(message, null),
    );
  });
});
