import { describe, expect, it } from 'vitest';
import { mailAddress, messageForTest } from '../../../test/support/message-for-test.js';
import {
  normalizeSubject,
  resolveThread,
  threadIdOf,
  threadRoot,
  type SubjectCandidate,
} from './index.js';

describe('normalizeSubject', () => {
  it.each([
    ['Re: Angebot', 'angebot'],
    ['RE[2]: AW: WG: Angebot  Q3', 'angebot q3'],
    ['Fwd: Fw: offer', 'offer'],
    ['SV: VS: tarjous', 'tarjous'],
    ['TR: RE: devis', 'devis'],
    ['RV: propuesta', 'propuesta'],
    ['Antw: offerte', 'offerte'],
    ['RES: ENC: proposta', 'proposta'],
    ['R: I: preventivo', 'preventivo'],
    ['Re(3): pricing', 'pricing'],
    ['回复：报价', '报价'],
    ['[EXTERNAL] Re: pricing', 'pricing'],
  ])('turns "%s" into "%s"', (subject, expected) => {
    expect(normalizeSubject(subject)).toBe(expected);
  });

  it('keeps words that merely start like a prefix', () => {
    expect(normalizeSubject('Review: Q3 plan')).toBe('review: q3 plan');
    expect(normalizeSubject('Renewal terms')).toBe('renewal terms');
  });

  it('keeps a subject key short enough to index, however long the subject', () => {
    const key = normalizeSubject(`Re: ${'Quarterly figures '.repeat(30_000)}`);
    expect(key.length).toBeLessThanOrEqual(300);
    expect(key.startsWith('quarterly figures quarterly')).toBe(true);
  });

  it('treats an empty or placeholder subject as no subject', () => {
    expect(normalizeSubject('Re: ')).toBe('');
    expect(normalizeSubject('(no subject)')).toBe('');
  });
});

describe('resolveThread', () => {
  const noCandidates = {
    threadOfMessageId: () => undefined,
    subjectCandidates: () => [],
    windowDays: 30,
    contentKey: 'sha256:abc',
    ownerId: 'owner-1',
  };

  it('joins the thread of a message named in In-Reply-To or References', () => {
    const known = new Map([['<root@x>', 't-root']]);
    const reply = messageForTest({
      messageId: '<r2@x>',
      references: ['<root@x>', '<r1@x>'],
      inReplyTo: ['<r1@x>'],
    });
    expect(
      resolveThread(reply, { ...noCandidates, threadOfMessageId: (id) => known.get(id) }),
    ).toBe('t-root');
  });

  it('gives a reply that arrives first the thread id its parent will get', () => {
    const parent = messageForTest({ messageId: '<root@x>' });
    const reply = messageForTest({
      messageId: '<r1@x>',
      inReplyTo: ['<root@x>'],
      references: ['<root@x>'],
    });
    expect(threadRoot(reply)).toBe('<root@x>');
    expect(resolveThread(reply, noCandidates)).toBe(resolveThread(parent, noCandidates));
    expect(resolveThread(parent, noCandidates)).toBe(threadIdOf('<root@x>', 'owner-1'));
  });

  it("gives another owner's mail naming the same root a thread of its own", () => {
    const reply = messageForTest({ messageId: '<r1@x>', references: ['<root@x>'] });
    expect(resolveThread(reply, { ...noCandidates, ownerId: 'owner-2' })).not.toBe(
      resolveThread(reply, noCandidates),
    );
  });

  it('names a thread deterministically, by content when there is no Message-ID', () => {
    const message = messageForTest({ messageId: null });
    expect(resolveThread(message, noCandidates)).toBe(threadIdOf('sha256:abc', 'owner-1'));
    expect(resolveThread(message, noCandidates)).toBe(resolveThread(message, noCandidates));
  });

  const candidate = (over: Partial<SubjectCandidate>): SubjectCandidate => ({
    threadId: 't-subject',
    participants: ['ada@acme.example', 'sam@northwind.example'],
    lastAt: new Date('2025-02-25T00:00:00Z'),
    ...over,
  });
  const bySubject = (...candidates: SubjectCandidate[]) => ({
    ...noCandidates,
    subjectCandidates: () => candidates,
  });
  const reply = messageForTest({ messageId: '<new@x>', subject: 'Re: Pricing question' });

  it('joins a thread by subject when participants overlap within the window', () => {
    expect(resolveThread(reply, bySubject(candidate({})))).toBe('t-subject');
  });

  it('does not join by subject a thread with other people', () => {
    const others = candidate({ participants: ['sam@northwind.example', 'zoe@other.example'] });
    expect(resolveThread(reply, bySubject(others))).toBe(threadIdOf('<new@x>', 'owner-1'));
  });

  it('does not join by subject a thread outside the time window', () => {
    const old = candidate({ lastAt: new Date('2024-01-01T00:00:00Z') });
    expect(resolveThread(reply, bySubject(old))).toBe(threadIdOf('<new@x>', 'owner-1'));
  });

  it('prefers the most recent of several subject threads', () => {
    const older = candidate({ threadId: 't-older', lastAt: new Date('2025-02-10T00:00:00Z') });
    expect(resolveThread(reply, bySubject(older, candidate({})))).toBe('t-subject');
  });

  it('never joins by an empty subject', () => {
    const blank = messageForTest({
      messageId: '<b@x>',
      subject: 'Re:',
      to: [mailAddress('sam@northwind.example')],
    });
    expect(resolveThread(blank, bySubject(candidate({})))).toBe(threadIdOf('<b@x>', 'owner-1'));
  });
});
