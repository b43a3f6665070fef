import { renderLicencePdf } from './licence-pdf';
import { createQrToken } from './qr-token';
import { LicenceSignedData, signLicence } from './signature';
import { sm3Hex } from './canonical';

/** Everything needed to produce a licence's file, QR token and signature (plain data: crosses threads). */
export interface LicenceJob {
  identifier: string;
  version: string;
  kid: string;
  issuedAtEpochS: number;
  verifyBaseUrl: string;
  holderCodeLabel: string;
  /** The signed data without the file hash (added once the file exists). */
  data: Omit<LicenceSignedData, 'fileSm3'>;
}

export interface ProducedLicence {
  file: Buffer;
  qrToken: string;
  verifyUrl: string;
  signedData: LicenceSignedData;
  signature: string;
  signedDigest: string;
}

/**
 * The CPU-heavy part of issuing: QR token (SM2), PDF with the CJK font subset, SM3 of the file, SM2
 * signature over the canonical data. Pure: the same on the main thread and in a worker thread.
 */
export async function produceLicence(
  job: LicenceJob,
  keys: { privateKeyHex: string; fontPath: string },
): Promise<ProducedLicence> {
  const qrToken = createQrToken(
    { identifier: job.identifier, version: job.version, kid: job.kid, issuedAt: job.issuedAtEpochS },
    keys.privateKeyHex,
  );
  const verifyUrl = `${job.verifyBaseUrl.replace(/\/$/, '')}/api/v1/verify/${qrToken}`;
  const d = job.data;
  const file = await renderLicencePdf(
    {
      identifier: d.identifier,
      licenceName: d.typeName,
      holderName: d.holderName,
      holderCodeLabel: job.holderCodeLabel,
      holderCode: d.holderCode,
      issuerName: d.issuerName,
      issueDate: d.issueDate,
      validFrom: d.validFrom,
      validTo: d.validTo,
      faceFields: Object.entries(d.faceFields).map(([label, value]) => ({ label, value })),
      qrText: verifyUrl,
      verifyUrl,
    },
    { fontPath: keys.fontPath },
  );
  const signedData: LicenceSignedData = { ...d, fileSm3: sm3Hex(file) };
  const sig = signLicence(signedData, { kid: job.kid, privateKeyHex: keys.privateKeyHex });
  return { file, qrToken, verifyUrl, signedData, signature: sig.signature, signedDigest: sig.signedDigest };
}
