import { describe, expect, it } from 'vitest';
import { reconcileLinks, type LinkState } from './reconcile-links.js';

const link = (type: string, recordId: string, fields: Partial<LinkState> = {}): LinkState => ({
  type,
  recordId,
  reason: `address of ${recordId}`,
  confidence: 1,
  source: 'auto',
  ambiguous: false,
  alternatives: [],
  ...fields,
});

describe('reconciling a message’s links with what the CRM now says', () => {
  it('changes nothing when the stored links are the desired ones', () => {
    const links = [link('contact', 'c1'), link('account', 'a1')];
    expect(reconcileLinks(links, links)).toEqual({ add: [], remove: [], update: [] });
  });

  it('adds new links and removes automatic and rule links no longer wanted', () => {
    const changes = reconcileLinks(
      [link('contact', 'c2')],
      [link('contact', 'c1'), link('deal', 'd1', { source: 'rule' })],
    );
    expect(changes.add).toEqual([link('contact', 'c2')]);
    expect(changes.remove).toEqual([link('contact', 'c1'), link('deal', 'd1', { source: 'rule' })]);
    expect(changes.update).toEqual([]);
  });

  it('updates a kept link whose reason, confidence or alternatives changed', () => {
    const desired = link('deal', 'd1', { confidence: 0.5, ambiguous: true, alternatives: ['d2'] });
    const changes = reconcileLinks([desired], [link('deal', 'd1', { confidence: 0.9 })]);
    expect(changes).toEqual({ add: [], remove: [], update: [desired] });
  });

  it('never removes or rewrites a link a user made by hand', () => {
    const manual = link('account', 'a9', { source: 'manual', reason: 'added by a user' });
    const changes = reconcileLinks(
      [link('account', 'a9', { reason: 'domain x.example' })],
      [manual],
    );
    expect(changes).toEqual({ add: [], remove: [], update: [] });
    expect(reconcileLinks([], [manual])).toEqual({ add: [], remove: [], update: [] });
  });

  it('keeps the first of two desired links to the same record', () => {
    const changes = reconcileLinks(
      [
        link('account', 'a1', { reason: "contact's account" }),
        link('account', 'a1', { reason: 'domain' }),
      ],
      [],
    );
    expect(changes.add).toEqual([link('account', 'a1', { reason: "contact's account" })]);
  });
});
