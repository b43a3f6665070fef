import { sm2 } from 'sm-crypto-v2';
import { envelopeTime } from '../mapping/exchange-codes';

/**
 * The provincial platform's envelope (reference/gov-standards.md §2.4, 北京 好差评服务数据上传):
 * `{ appMark, time, sign, params }`.
 *
 * - `time`: `yyyyMMddHHmmss`, Asia/Shanghai, when the request is sealed.
 * - `params`: the JSON `{"data":[{"<kind>":{…}}]}` (UTF-8), SM2-encrypted (GM/T 0003.4) with the province's
 *   public key, cipher layout C1C3C2, as lowercase hex with C1 as an uncompressed point (`04` ‖ x ‖ y, the
 *   layout BouncyCastle/GmSSL read).
 * - `sign`: SM2 signature (GM/T 0003.2, SM3 with Z_A over the default user id 1234567812345678) with OUR
 *   private key over the UTF-8 string `time + appMark + appWord` — exactly the string of the reference —
 *   followed by `params` (the hex ciphertext) when `signParams` is on (EXCHANGE_SIGN_PARAMS, default on:
 *   the reference's string alone does not bind the content, so a captured signature could carry other
 *   params within the province's time window). DER-encoded, lowercase hex.
 */
export interface Envelope {
  appMark: string;
  time: string;
  sign: string;
  params: string;
}

export interface EnvelopeKeys {
  appMark: string;
  /** 调用方口令 issued with the appMark (part of the signed string). */
  appWord: string;
  /** Our SM2 private key, 64 hex. */
  privateKeyHex: string;
  /** Our public key (derived once from the private key). */
  publicKeyHex: string;
  /** The province's SM2 public key, 130 hex (04 ‖ x ‖ y) or 128 hex (x ‖ y). */
  provincePublicKeyHex: string;
  signParams: boolean;
}

export const SM2_USER_ID = '1234567812345678';

const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));

/** A public key as the library takes it: uncompressed point with its 04 prefix. */
export const normalisePublicKey = (hex: string): string =>
  hex.length === 128 ? `04${hex.toLowerCase()}` : hex.toLowerCase();

export const publicKeyOf = (privateKeyHex: string): string => sm2.getPublicKeyFromPrivateKey(privateKeyHex);

/** The exact string that is signed (see Envelope). */
export function signedString(
  e: Pick<Envelope, 'time' | 'appMark' | 'params'>,
  appWord: string,
  signParams: boolean,
): string {
  return `${e.time}${e.appMark}${appWord}${signParams ? e.params : ''}`;
}

/** SM2 encryption of the UTF-8 text, C1C3C2, hex with the 04 point prefix. */
export function sm2EncryptHex(text: string, publicKeyHex: string): string {
  return `04${sm2.doEncrypt(utf8(text), normalisePublicKey(publicKeyHex), 1)}`;
}

/** The inverse of sm2EncryptHex (the stand-in province uses it; so would the province). */
export function sm2DecryptHex(cipherHex: string, privateKeyHex: string): string {
  const body = cipherHex.startsWith('04') ? cipherHex.slice(2) : cipherHex;
  // The library answers '' when C3 (the SM3 check) does not match: a wrong key or altered ciphertext.
  const text = sm2.doDecrypt(body, privateKeyHex, 1, { output: 'string' });
  if (text === '') throw new Error('SM2 decryption failed (wrong key or altered ciphertext)');
  return text;
}

export function sm2SignHex(text: string, privateKeyHex: string, publicKeyHex: string): string {
  return sm2.doSignature(utf8(text), privateKeyHex, {
    hash: true,
    der: true,
    publicKey: normalisePublicKey(publicKeyHex),
    userId: SM2_USER_ID,
  });
}

/** Never throws: anything malformed is simply not a valid signature. */
export function sm2VerifyHex(text: string, signatureHex: string, publicKeyHex: string): boolean {
  try {
    return sm2.doVerifySignature(utf8(text), signatureHex, normalisePublicKey(publicKeyHex), {
      hash: true,
      der: true,
      userId: SM2_USER_ID,
    });
  } catch {
    return false;
  }
}

/** Seals one record: `params` = `{"data":[{"<kind>": record}]}`, encrypted, then the envelope signed. */
export function sealEnvelope(kind: string, record: unknown, keys: EnvelopeKeys, now = new Date()): Envelope {
  const params = sm2EncryptHex(JSON.stringify({ data: [{ [kind]: record }] }), keys.provincePublicKeyHex);
  const base = { appMark: keys.appMark, time: envelopeTime(now), params };
  const sign = sm2SignHex(
    signedString(base, keys.appWord, keys.signParams),
    keys.privateKeyHex,
    keys.publicKeyHex,
  );
  return { ...base, sign };
}

/** What the receiving side does: verify the signature with the sender's public key, decrypt params. */
export function openEnvelope(
  e: Envelope,
  o: { senderPublicKeyHex: string; recipientPrivateKeyHex: string; appWord: string; signParams: boolean },
): { verified: boolean; params: unknown } {
  const verified = sm2VerifyHex(signedString(e, o.appWord, o.signParams), e.sign, o.senderPublicKeyHex);
  return { verified, params: JSON.parse(sm2DecryptHex(e.params, o.recipientPrivateKeyHex)) as unknown };
}
