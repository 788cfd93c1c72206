import { describe, expect, it } from 'vitest';
import { captureAddress, captureSecretOf, isCaptureSecret } from './address.js';

const secret = '0123456789abcdef0123456789abcdef';

describe('capture addresses', () => {
  it('is log+<secret>@ the configured domain, in lower case', () => {
    expect(captureAddress(secret, 'Capture.Example.com')).toBe(`log+${secret}@capture.example.com`);
  });

  it('gives back the secret of an address, whatever case the sender wrote it in', () => {
    expect(
      captureSecretOf(`LOG+${secret.toUpperCase()}@CAPTURE.example.com`, 'capture.example.com'),
    ).toEqual({
      secret,
    });
  });

  it('says why an address is no capture address', () => {
    const domain = 'capture.example.com';
    expect(captureSecretOf(`log+${secret}@other.example.com`, domain)).toEqual({
      problem: 'wrong_domain',
    });
    expect(captureSecretOf('no-at-sign', domain)).toEqual({ problem: 'wrong_domain' });
    expect(captureSecretOf(`sales@${domain}`, domain)).toEqual({ problem: 'not_capture_address' });
    expect(captureSecretOf(`log+short@${domain}`, domain)).toEqual({
      problem: 'not_capture_address',
    });
    expect(captureSecretOf(`log+${secret}x@${domain}`, domain)).toEqual({
      problem: 'not_capture_address',
    });
  });

  it('knows a secret by its form: 32 lower-case hexadecimal digits', () => {
    expect(isCaptureSecret(secret)).toBe(true);
    expect(isCaptureSecret(secret.toUpperCase())).toBe(false);
    expect(isCaptureSecret(`${secret}0`)).toBe(false);
  });
});
