import { createHash } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';

/** SM2 signatures (GM/T 0003) with SM3 and Z_A over the default user id, DER-encoded (docs/standards.md). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

export function generateSm2KeyPair(): { privateKeyHex: string; publicKeyHex: string } {
  const k = sm2.generateKeyPairHex();
  return { privateKeyHex: k.privateKey, publicKeyHex: k.publicKey };
}

export function publicKeyFromPrivate(privateKeyHex: string): string {
  return sm2.getPublicKeyFromPrivateKey(privateKeyHex);
}

/** `cache`'s value for `key`, computed and kept on the first use; at most `max` kept, the oldest dropped first. */
function remember<V>(cache: Map<string, V>, max: number, key: string, compute: () => V): V {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (cache.size >= max) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/**
 * The public keys of the private keys this process signs with (a point multiplication, ~0.3 ms, that every
 * signature would otherwise repeat for Z_A: two per licence). The service's own signing keys, so a few
 * entries; bounded all the same, the oldest dropped first.
 */
const SIGNING_KEYS_MAX = 32;
const signingPublicKeys = new Map<string, string>();
const signingPublicKey = (privateKeyHex: string): string =>
  remember(signingPublicKeys, SIGNING_KEYS_MAX, privateKeyHex, () => publicKeyFromPrivate(privateKeyHex));

const bytes = (data: Buffer | string): Uint8Array =>
  new Uint8Array(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);

/** Base64 of the DER signature. */
export function sm2Sign(data: Buffer | string, privateKeyHex: string, publicKeyHex?: string): string {
  const hex = sm2.doSignature(bytes(data), privateKeyHex, {
    hash: true,
    der: true,
    publicKey: publicKeyHex ?? signingPublicKey(privateKeyHex),
    userId: SM2_DEFAULT_USER_ID,
  });
  return Buffer.from(hex, 'hex').toString('base64');
}

/**
 * Strict DER `SEQUENCE { INTEGER r, INTEGER s }`: the library's parser ignores the outer tag and lengths,
 * which would let an altered encoding of a valid signature pass; we accept exactly one encoding.
 */
export function isStrictDerSignature(der: Buffer): boolean {
  if (der.length < 8 || der.length > 72 || der[0] !== 0x30 || der[1] !== der.length - 2) return false;
  let i = 2;
  for (let n = 0; n < 2; n++) {
    if (der[i] !== 0x02) return false;
    const len = der[i + 1];
    if (len < 1 || len > 33 || i + 2 + len > der.length) return false;
    const first = der[i + 2];
    if (first & 0x80) return false; // negative
    if (len > 1 && first === 0 && !(der[i + 3] & 0x80)) return false; // non-minimal
    i += 2 + len;
  }
  return i === der.length;
}

/**
 * Results of SM2 verifications already done in this process, by SM3(public key, signature, data): the
 * answer for the same three inputs never changes, and SM2 in JavaScript costs ~6 ms where a lookup costs
 * microseconds (a QR code is scanned again and again). Bounded; the oldest entries are dropped first.
 */
const VERIFIED_MAX = 50_000;
const verified = new Map<string, boolean>();

/** Never throws: malformed input is simply not a valid signature. */
export function sm2Verify(data: Buffer | string, signatureB64: string, publicKeyHex: string): boolean {
  const key = createHash('sm3')
    .update(publicKeyHex)
    .update('\u0000')
    .update(signatureB64)
    .update('\u0000')
    .update(data)
    .digest('base64');
  return remember(verified, VERIFIED_MAX, key, () => sm2VerifyUncached(data, signatureB64, publicKeyHex));
}

/**
 * Public keys as curve points with a precomputed multiplication table (window 8, ~45 ms once per key): a
 * verification then costs ~0.6 ms instead of ~3.7 ms. The keys are the service's own signing keys (looked up
 * by kid, never taken from the request), so a few entries; bounded all the same, the oldest dropped first.
 */
const POINTS_MAX = 32;
const points = new Map<string, ReturnType<typeof sm2.precomputePublicKey>>();
const publicPoint = (publicKeyHex: string): ReturnType<typeof sm2.precomputePublicKey> =>
  remember(points, POINTS_MAX, publicKeyHex, () => sm2.precomputePublicKey(publicKeyHex, 8));

function sm2VerifyUncached(data: Buffer | string, signatureB64: string, publicKeyHex: string): boolean {
  try {
    const der = Buffer.from(signatureB64, 'base64');
    if (!isStrictDerSignature(der)) return false;
    const hex = der.toString('hex');
    return sm2.doVerifySignature(bytes(data), hex, publicPoint(publicKeyHex), {
      hash: true,
      der: true,
      userId: SM2_DEFAULT_USER_ID,
    });
  } catch {
    return false;
  }
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const b = Buffer.from(n.toString(16).padStart(n > 0xff ? 4 : 2, '0'), 'hex');
  return Buffer.concat([Buffer.from([0x80 | b.length]), b]);
}
const der = (tag: number, body: Buffer): Buffer =>
  Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);

/**
 * PEM SubjectPublicKeyInfo: AlgorithmIdentifier { id-ecPublicKey 1.2.840.10045.2.1, curve SM2 1.2.156.10197.1.301 }
 * + BIT STRING of the uncompressed point, so partners can verify with OpenSSL and other standard tools.
 */
export function sm2PublicKeyPem(publicKeyHex: string): string {
  const point = Buffer.from(publicKeyHex.length === 128 ? `04${publicKeyHex}` : publicKeyHex, 'hex');
  const algo = der(
    0x30,
    Buffer.concat([Buffer.from('06072a8648ce3d0201', 'hex'), Buffer.from('06082a811ccf5501822d', 'hex')]),
  );
  const spki = der(0x30, Buffer.concat([algo, der(0x03, Buffer.concat([Buffer.from([0]), point]))]));
  const b64 = spki
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN PUBLIC KEY-----\n${b64}\n-----END PUBLIC KEY-----\n`;
}
