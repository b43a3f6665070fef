import { createHash } from 'node:crypto';
import { normalisePublicKey } from './sm2-envelope';

/** DER TLV with a definite length (short or long form). */
function der(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const len =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}

/** id-ecPublicKey (1.2.840.10045.2.1) and the SM2 curve (1.2.156.10197.1.301). */
const ALGORITHM = der(
  0x30,
  Buffer.concat([Buffer.from('06072a8648ce3d0201', 'hex'), Buffer.from('06082a811ccf5501822d', 'hex')]),
);

/**
 * An SM2 public key (uncompressed point, hex) as PEM SubjectPublicKeyInfo (RFC 5480 with the GM/T 0006
 * curve OID), the form OpenSSL 3, GmSSL and BouncyCastle read. The certificate service publishes its
 * licence keys the same way; apps share no code, so this is the gateway's own copy.
 */
export function sm2PublicKeyPem(publicKeyHex: string): string {
  const point = Buffer.from(normalisePublicKey(publicKeyHex), 'hex');
  const spki = der(0x30, Buffer.concat([ALGORITHM, der(0x03, Buffer.concat([Buffer.from([0]), point]))]));
  const b64 = spki
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN PUBLIC KEY-----\n${b64}\n-----END PUBLIC KEY-----\n`;
}

/** Key id: `sm2-` + the first 16 hex of SHA-256 over the uncompressed point (stable for one key). */
export const sm2KeyId = (publicKeyHex: string): string =>
  `sm2-${createHash('sha256')
    .update(Buffer.from(normalisePublicKey(publicKeyHex), 'hex'))
    .digest('hex')
    .slice(0, 16)}`;
