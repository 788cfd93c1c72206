import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { dkimSign, type DKIMSignOptions } from 'mailauth';

export interface DkimKeyPair {
  readonly privateKeyPem: string;
  /** Base64 of the DER SubjectPublicKeyInfo: the `p=` tag of the DKIM record. */
  readonly publicKey: string;
}

/** 2048 bits: what receivers expect today, and still fits one DNS TXT record with its strings. */
export async function generateDkimKey(): Promise<DkimKeyPair> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKey: publicKey.toString('base64') };
}

export interface DkimSigner {
  readonly domain: string;
  readonly selector: string;
  readonly privateKeyPem: string;
}

/**
 * The message with a DKIM-Signature header in front (relaxed/relaxed,
 * rsa-sha256, mailauth's default header list). The signature leaves Bcc
 * out, so the same header also vouches for the Sent copy that keeps it.
 */
export async function dkimSignatureFor(raw: Buffer, signer: DkimSigner): Promise<string> {
  // The signer reads keys from `signatureData` only; the type asks for them at the top as well.
  const result = await dkimSign(raw, {
    canonicalization: 'relaxed/relaxed',
    algorithm: 'rsa-sha256',
    signatureData: [
      {
        signingDomain: signer.domain,
        selector: signer.selector,
        privateKey: signer.privateKeyPem,
      },
    ],
  } as DKIMSignOptions);
  // An empty header would be prepended as a blank line and end the header block.
  if (result.errors?.length || !/^DKIM-Signature:/i.test(result.signatures)) {
    const reason = result.errors?.[0] ? String(result.errors[0]) : 'no signature made';
    throw new Error(`DKIM signing for ${signer.domain} failed: ${reason}`);
  }
  return result.signatures;
}
