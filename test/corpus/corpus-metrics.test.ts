import { describe, expect, it } from 'vitest';
import { formatScore, scoreCorpus, type ActualDecision } from './corpus-metrics.js';
import type { CorpusLabel } from './corpus-oracle.js';

const label = (messageId: string, fields: Partial<CorpusLabel> = {}): CorpusLabel => ({
  messageId,
  captured: true,
  category: 'human',
  links: [],
  ...fields,
});
const actual = (messageId: string, fields: Partial<ActualDecision> = {}): ActualDecision => ({
  messageId,
  captured: true,
  category: 'human',
  links: [],
  ...fields,
});
const contact = (externalId: string) => ({ type: 'contact' as const, externalId });

describe('scoring a corpus run against its labels', () => {
  it('scores a perfect run as 1 everywhere', () => {
    const labels = [
      label('<a>', { links: [contact('C-1')] }),
      label('<b>', { captured: false, category: 'newsletter' }),
    ];
    const score = scoreCorpus(labels, [
      actual('<a>', { links: [contact('C-1')] }),
      actual('<b>', { captured: false, category: 'newsletter' }),
    ]);
    expect(score).toMatchObject({
      messages: 2,
      capture: { precision: 1, recall: 1, f1: 1 },
      categoryAccuracy: 1,
      links: { precision: 1, recall: 1, f1: 1 },
      wrongCategory: [],
    });
  });

  it('counts a wrongly captured message against precision and a missed one against recall', () => {
    const labels = [
      label('<a>'),
      label('<b>'),
      label('<c>', { captured: false, category: 'newsletter' }),
    ];
    const score = scoreCorpus(labels, [
      actual('<a>'),
      actual('<b>', { captured: false, category: 'no_crm_participant' }),
      actual('<c>'),
    ]);
    expect(score.capture.precision).toBeCloseTo(1 / 2);
    expect(score.capture.recall).toBeCloseTo(1 / 2);
    expect(score.categoryAccuracy).toBeCloseTo(1 / 3);
    expect(score.wrongCategory).toEqual([
      { messageId: '<b>', expected: 'human', actual: 'no_crm_participant' },
      { messageId: '<c>', expected: 'newsletter', actual: 'human' },
    ]);
  });

  it('scores links as (message, type, external id) triples and names the differences', () => {
    const labels = [
      label('<a>', { links: [contact('C-1'), { type: 'account', externalId: 'A-1' }] }),
    ];
    const score = scoreCorpus(labels, [
      actual('<a>', { links: [contact('C-1'), { type: 'deal', externalId: 'D-9' }] }),
    ]);
    expect(score.links.precision).toBeCloseTo(1 / 2);
    expect(score.links.recall).toBeCloseTo(1 / 2);
    expect(score.links.f1).toBeCloseTo(1 / 2);
    expect(score.missingLinks).toEqual(['<a> account A-1']);
    expect(score.extraLinks).toEqual(['<a> deal D-9']);
  });

  it('treats a message missing from the export as not captured, miscategorised and unlinked', () => {
    const score = scoreCorpus([label('<a>', { links: [contact('C-1')] })], []);
    expect(score.missing).toEqual(['<a>']);
    expect(score.capture.recall).toBe(0);
    expect(score.capture.f1).toBe(0);
    expect(score.categoryAccuracy).toBe(0);
    expect(score.links.recall).toBe(0);
  });

  it('ignores exported messages nobody labelled', () => {
    const score = scoreCorpus([label('<a>')], [actual('<a>'), actual('<other>')]);
    expect(score.capture.precision).toBe(1);
  });

  it('prints every figure on one line', () => {
    const score = scoreCorpus([label('<a>')], [actual('<a>')]);
    expect(formatScore(score)).toBe(
      'corpus: messages=1 capture_p=1.000 capture_r=1.000 capture_f1=1.000 category_acc=1.000 link_p=1.000 link_r=1.000 link_f1=1.000',
    );
  });
});
