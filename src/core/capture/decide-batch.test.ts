import { describe, expect, it } from 'vitest';
import { directoryForTest, ids } from '../../../test/support/directory-for-test.js';
import type { ParsedMessage } from '../message.js';
import { classifyNoise } from '../noise/classify-noise.js';
import { mailAddress, messageForTest } from '../../../test/support/message-for-test.js';
import { decideBatch, type MessageToDecide } from './decide-batch.js';
import { untrackedDecision } from './do-not-track.js';
import { emptyThreadContext } from './link.js';

function placed(
  message: ParsedMessage,
  threadId: string,
  flags: { duplicate?: boolean; untracked?: boolean } = {},
): MessageToDecide {
  return {
    message,
    noise: classifyNoise(message),
    threadId,
    duplicate: flags.duplicate ?? false,
    untracked: flags.untracked ?? false,
  };
}

function decided(
  messages: readonly MessageToDecide[],
  options: {
    contexts?: Parameters<typeof decideBatch>[0]['contexts'];
    createContacts?: boolean;
  } = {},
) {
  return decideBatch({
    messages,
    directory: directoryForTest(),
    ownerId: ids.sam,
    createContacts: options.createContacts ?? false,
    contexts: options.contexts ?? new Map(),
    now: new Date('2025-03-01T12:00:00Z'),
  });
}

const dealsOf = (verdict: {
  decision: { links: readonly { type: string; recordId: string; reason: string }[] };
}) => verdict.decision.links.filter((link) => link.type === 'deal');

/** Ada names the renewal deal in her subject; her next message names none. */
const namingTheDeal = messageForTest({ subject: 'Contract for Deal #D-1', messageId: '<1@acme>' });
const namingNone = messageForTest({ subject: 'Re: Contract', messageId: '<2@acme>' });

describe('deciding a batch', () => {
  it('carries a deal linked to one message to the later messages of its thread', () => {
    const { verdicts } = decided([placed(namingTheDeal, 't-1'), placed(namingNone, 't-1')]);
    expect(dealsOf(verdicts[1]!)).toEqual([
      expect.objectContaining({ recordId: ids.renewal, reason: 'deal on this thread' }),
    ]);
  });

  it('carries nothing to a message of another thread', () => {
    const { verdicts } = decided([placed(namingTheDeal, 't-1'), placed(namingNone, 't-2')]);
    expect(dealsOf(verdicts[1]!).map((link) => link.reason)).not.toContain('deal on this thread');
  });

  it('decides with what the thread carried before the batch, and says what it carries after', () => {
    const before = { ...emptyThreadContext, caseIds: ['k-old'] };
    const { verdicts, contexts } = decided([placed(namingTheDeal, 't-1')], {
      contexts: new Map([['t-1', before]]),
    });
    expect(verdicts[0]!.decision.captured).toBe(true);
    expect(contexts.get('t-1')).toMatchObject({ caseIds: ['k-old'], dealIds: [ids.renewal] });
    expect(before.caseIds).toEqual(['k-old']);
    expect(before).not.toHaveProperty('dealIds', [ids.renewal]);
  });

  it('decides untracked mail as untracked, whatever it says', () => {
    const { verdicts, contexts } = decided([
      placed(namingTheDeal, 'untracked', { untracked: true }),
    ]);
    expect(verdicts[0]!.decision).toBe(untrackedDecision);
    expect(contexts.size).toBe(0);
  });

  it('proposes contacts for a new captured message only, not for a copy already stored', () => {
    const fromStranger = messageForTest({
      to: [mailAddress('sam@northwind.example'), mailAddress('new.person@acme.example')],
    });
    const { verdicts } = decided(
      [placed(fromStranger, 't-1'), placed(fromStranger, 't-1', { duplicate: true })],
      { createContacts: true },
    );
    expect(verdicts[0]!.proposals.map((p) => p.address)).toEqual(['new.person@acme.example']);
    expect(verdicts[1]!.proposals).toEqual([]);
  });
});
