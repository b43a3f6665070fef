import { canonicalJson, sm3Hex } from './canonical';
import { sm2Sign, sm2Verify } from './sm2';

/** Everything the licence signature covers: the face data plus the SM3 of the rendered file. */
export interface LicenceSignedData {
  identifier: string;
  typeCode: string;
  typeName: string;
  holderName: string;
  holderCodeType: string;
  /** Masked for natural persons (the full number never leaves intake), clear for organisations. */
  holderCode: string;
  issuerCode: string;
  issuerName: string;
  issueDate: string;
  validFrom: string;
  validTo: string | null;
  caseNo: string;
  itemCode: string;
  faceFields: Record<string, string>;
  fileSm3: string;
}

export interface LicenceSignature {
  algorithm: 'SM2-SM3';
  kid: string;
  signature: string;
  signedDigest: string;
}

/** SM2 over the canonical JSON (SM3 with Z_A inside the SM2 scheme); signedDigest is SM3 of that JSON. */
export function signLicence(
  data: LicenceSignedData,
  key: { kid: string; privateKeyHex: string },
): LicenceSignature {
  const canonical = canonicalJson(data);
  return {
    algorithm: 'SM2-SM3',
    kid: key.kid,
    signature: sm2Sign(canonical, key.privateKeyHex),
    signedDigest: sm3Hex(canonical),
  };
}

export function verifyLicenceSignature(
  data: LicenceSignedData,
  signatureB64: string,
  publicKeyHex: string,
): { valid: boolean; reason?: 'SIGNATURE_MISMATCH' | 'MALFORMED' } {
  if (!signatureB64 || !/^[A-Za-z0-9+/=]+$/.test(signatureB64)) return { valid: false, reason: 'MALFORMED' };
  return sm2Verify(canonicalJson(data), signatureB64, publicKeyHex)
    ? { valid: true }
    : { valid: false, reason: 'SIGNATURE_MISMATCH' };
}
