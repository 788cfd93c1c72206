import { describe, expect, it } from 'vitest';
import { exportedSenderAuth, unauthenticatedReason, type SenderAuth } from './verdict.js';

const proven: SenderAuth = {
  spf: 'pass',
  dkim: 'pass',
  dmarc: 'pass',
  source: 'smtp',
  domain: 'acme.example',
  policy: 'reject',
  arc: 'none',
  arcTrusted: false,
};

describe('whether a sender is authenticated', () => {
  it('accepts mail that passes, and mail from a domain that publishes nothing', () => {
    expect(unauthenticatedReason(proven)).toBeNull();
    const quiet = { ...proven, spf: 'none', dkim: 'none', dmarc: 'none', policy: null } as const;
    expect(unauthenticatedReason(quiet)).toBeNull();
    expect(unauthenticatedReason(null)).toBeNull();
  });

  it('refuses a DMARC failure for a domain with a policy, even p=none, naming domain and policy', () => {
    expect(unauthenticatedReason({ ...proven, dmarc: 'fail' })).toBe(
      'sender not authenticated: DMARC fail for acme.example (p=reject)',
    );
    expect(unauthenticatedReason({ ...proven, dmarc: 'fail', policy: 'none' })).toMatch(/p=none/);
  });

  it('refuses a DKIM failure without an SPF pass, and accepts it with one', () => {
    const broken = { ...proven, dkim: 'fail', dmarc: 'none', policy: null } as const;
    expect(unauthenticatedReason({ ...broken, spf: 'softfail' })).toBe(
      'sender not authenticated: DKIM fail without SPF pass (SPF softfail)',
    );
    expect(unauthenticatedReason(broken)).toBeNull();
  });

  it('lets a passing ARC chain vouch only when the admin trusts its sealer', () => {
    const forwarded = { ...proven, dkim: 'fail', dmarc: 'fail', spf: 'fail', arc: 'pass' } as const;
    expect(unauthenticatedReason(forwarded)).not.toBeNull();
    expect(unauthenticatedReason({ ...forwarded, arcTrusted: true })).toBeNull();
  });

  it('neither refuses nor passes a check that could not be made', () => {
    const unknown = { ...proven, spf: 'temperror', dkim: 'temperror', dmarc: 'temperror' } as const;
    expect(unauthenticatedReason(unknown)).toBeNull();
    expect(Object.values(exportedSenderAuth(unknown))).not.toContain('pass');
  });

  it('exports exactly the contract fields', () => {
    expect(exportedSenderAuth(proven)).toEqual({
      spf: 'pass',
      dkim: 'pass',
      dmarc: 'pass',
      source: 'smtp',
    });
  });
});
