import { Injectable, Logger } from '@nestjs/common';
import { isNaturalPersonCertType } from '@app/shared/codes';
import { shanghaiDate } from '@app/shared/time';
import { LicenceSignedData, verifyLicenceSignature } from '../../licence-core';
import { LICENCE_STATUS, LicenceEntity } from '../entities/licence.entity';
import { VerificationReason, VerificationResult } from '../dto/verification.response.dto';
import { SigningKeysService } from '../signing-keys.service';
import { asSignedData, recordMismatches, signedVersion } from './record-integrity';

export const REASON_TEXT: Record<VerificationReason, string> = {
  MALFORMED: '核验码格式错误 / Malformed verification code',
  UNKNOWN_KEY: '签名密钥未知 / Unknown signing key',
  BAD_SIGNATURE: '签名无效，证照可能被篡改 / Invalid signature: the licence may have been altered',
  NOT_FOUND: '证照不存在 / Licence not found',
  REVOKED: '证照已注销 / Licence revoked',
  SUPERSEDED: '证照已有新版本 / A newer version of this licence exists',
  EXPIRED: '证照已过有效期 / Licence expired',
  RECORD_TAMPERED: '证照数据与签名不符 / Licence record does not match its signature',
  RECORD_MISMATCH:
    '证照记录与签名数据不一致（可能被篡改） / The licence record differs from its signed data (it may have been altered)',
  FILE_NOT_ISSUED:
    '文件与任何已签发证照不符（可能被篡改） / File matches no issued licence (it may have been altered)',
};

const VALID_TEXT = '证照真实有效 / The licence is authentic and valid';

/** The record's integrity failed: an incident, and nothing of the record is shown. */
const INTEGRITY_FAILURES: ReadonlySet<VerificationReason> = new Set([
  'UNKNOWN_KEY',
  'RECORD_TAMPERED',
  'RECORD_MISMATCH',
]);

export const integrityFailed = (reason: VerificationReason | null): boolean =>
  reason !== null && INTEGRITY_FAILURES.has(reason);

/**
 * Minimal personal data on public pages: a natural person's name shows only its first character. The
 * name and code type are signed; holder_user_prop is not, so it can only add masking, never remove it.
 */
export function publicHolderName(s: LicenceSignedData, holderUserProp: string): string {
  const chars = [...s.holderName];
  const person = holderUserProp === '1' || isNaturalPersonCertType(s.holderCodeType);
  return person ? `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}` : s.holderName;
}

/** The verified signed data of an intact record (and its version), with the record's unsigned state. */
export interface SignedRecord {
  data: LicenceSignedData;
  version: string;
  status: string;
  holderUserProp: string;
}

/** Outcome of checking a stored licence: the verified signed data when intact. */
export interface RecordCheck {
  reason: VerificationReason | null;
  signed?: SignedRecord;
}

/** Every field shown comes from the verified signed data, except the status (a later, unsigned state). */
export function verdict(reason: VerificationReason | null, signed?: SignedRecord): VerificationResult {
  const show = signed && !integrityFailed(reason);
  return {
    valid: reason === null,
    reason: reason ?? undefined,
    message: reason ? REASON_TEXT[reason] : VALID_TEXT,
    licence: show
      ? {
          licenceId: signed.data.identifier,
          typeName: signed.data.typeName,
          holderName: publicHolderName(signed.data, signed.holderUserProp),
          issuerName: signed.data.issuerName,
          issueDate: signed.data.issueDate,
          validTo: signed.data.validTo,
          version: signed.version,
          status: signed.status,
        }
      : undefined,
  };
}

/** The one integrity check of a stored licence, shared by QR and file verification. */
@Injectable()
export class LicenceVerifier {
  private readonly logger = new Logger(LicenceVerifier.name);

  constructor(private readonly keys: SigningKeysService) {}

  /**
   * Checks a stored licence against its signature: the record's key, the SM2 signature over signed_data,
   * then every column the signature covers must equal the signed data (a tampered database is an
   * incident, logged at error level), then what the caller already knows (the token's identifier, the
   * uploaded file's hash). Only then the later state: status (not signed) and the signed expiry.
   */
  async checkRecord(
    l: LicenceEntity,
    via: 'VERIFY_QR' | 'VERIFY_FILE',
    expect: { identifier?: string; fileSm3?: string },
    now: Date = new Date(),
  ): Promise<RecordCheck> {
    const incident = (reason: VerificationReason, detail: Record<string, unknown>): RecordCheck => {
      this.logger.error(
        { licenceId: l.licenceId, via, reason, ...detail },
        'licence record fails its integrity check against the signature: the database may have been altered',
      );
      return { reason };
    };
    const pub = await this.keys.publicKeyOfRecord(l.kid);
    if (!pub) return incident('UNKNOWN_KEY', { kid: l.kid });
    const data = asSignedData(l.signedData);
    if (!data) return incident('RECORD_TAMPERED', { problem: 'signed_data is not licence data' });
    const sig = verifyLicenceSignature(data, l.signature, pub);
    if (!sig.valid) return incident('RECORD_TAMPERED', { problem: sig.reason });
    const mismatched = recordMismatches(l, data);
    if (expect.identifier !== undefined && expect.identifier !== data.identifier) {
      mismatched.push('identifier (token)');
    }
    if (expect.fileSm3 !== undefined && expect.fileSm3 !== data.fileSm3) mismatched.push('file_sm3 (file)');
    const version = signedVersion(data);
    if (mismatched.length > 0 || version === null) {
      return incident('RECORD_MISMATCH', { mismatched });
    }
    const signed = { data, version, status: l.status, holderUserProp: l.holderUserProp };
    if (l.status === LICENCE_STATUS.REVOKED) return { reason: 'REVOKED', signed };
    if (data.validTo && data.validTo < shanghaiDate(now)) return { reason: 'EXPIRED', signed };
    return { reason: null, signed };
  }
}
