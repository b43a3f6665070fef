import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { ApprovalCaseApprovedV1, TOPICS } from '@app/shared/contracts';
import { DomainError } from '@app/shared/errors';
import { isNaturalPersonCertType } from '@app/shared/codes';
import { OutboxService } from '@app/shared/kafka';
import { CertificateConfig } from '../config/certificate.config';
import {
  createQrToken,
  LicenceSignedData,
  parseQrToken,
  renderLicencePdf,
  signLicence,
  sm3Hex,
  verifyLicenceSignature,
  verifyQrToken,
} from '../licence-core';
import { LICENCE_STATUS, LicenceEntity } from './entities/licence.entity';
import { LicenceUsageEntity } from './entities/usage.entity';
import { holderCodeLabel, licenceIdentifierFor, shanghaiDate, validToOf } from './issue-licence';
import { asSignedData, recordMismatches, signedVersion } from './record-integrity';
import { SigningKeysService } from './signing-keys.service';

export type VerificationReason =
  | 'MALFORMED'
  | 'UNKNOWN_KEY'
  | 'BAD_SIGNATURE'
  | 'NOT_FOUND'
  | 'REVOKED'
  | 'SUPERSEDED'
  | 'EXPIRED'
  | 'RECORD_TAMPERED'
  | 'RECORD_MISMATCH'
  | 'FILE_NOT_ISSUED';

const REASON_TEXT: Record<VerificationReason, string> = {
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

/** The record's integrity failed: an incident, and nothing of the record is shown. */
const INTEGRITY_FAILURES: ReadonlySet<VerificationReason> = new Set([
  'UNKNOWN_KEY',
  'RECORD_TAMPERED',
  'RECORD_MISMATCH',
]);

const integrityFailed = (reason: VerificationReason | null): boolean =>
  reason !== null && INTEGRITY_FAILURES.has(reason);

/**
 * Minimal personal data on public pages: a natural person's name shows only its first character. The
 * name and code type are signed; holder_user_prop is not, so it can only add masking, never remove it.
 */
function publicHolderName(s: LicenceSignedData, holderUserProp: string): string {
  const chars = [...s.holderName];
  const person = holderUserProp === '1' || isNaturalPersonCertType(s.holderCodeType);
  return person ? `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}` : s.holderName;
}

/** Outcome of checking a stored licence: the verified signed data (and its version) when intact. */
interface RecordCheck {
  reason: VerificationReason | null;
  signed?: { data: LicenceSignedData; version: string; status: string; holderUserProp: string };
}

@Injectable()
export class LicencesService {
  private readonly logger = new Logger(LicencesService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly keys: SigningKeysService,
    private readonly config: CertificateConfig,
  ) {}

  /**
   * Issues the licence of an approved case inside the consumer's transaction: identifier, PDF with QR,
   * SM2 signature over SM3 of the canonical data (incl. the file hash), the row and the outbox event.
   * Returns null when the case already has its licence (the unique business key holds).
   */
  async issue(em: EntityManager, e: ApprovalCaseApprovedV1): Promise<LicenceEntity | null> {
    if (!e.licence) return null;
    const { identifier, serial, version } = licenceIdentifierFor(e, e.licence.typeCode);
    const exists = await em.findOne(LicenceEntity, {
      where: { caseNo: e.caseNo, itemCode: e.itemCode, version },
    });
    if (exists) return null;
    const issuedAt = new Date(e.approvedAt);
    const issueDate = shanghaiDate(issuedAt);
    const validTo = validToOf(issueDate, e.licence.validYears);
    const kid = this.keys.activeKid;
    const qrToken = createQrToken(
      { identifier, version, kid, issuedAt: Math.floor(issuedAt.getTime() / 1000) },
      this.keys.privateKeyHex,
    );
    const verifyUrl = `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/api/v1/verify/${qrToken}`;
    const file = await renderLicencePdf(
      {
        identifier,
        licenceName: e.licence.typeName,
        holderName: e.applicant.name,
        holderCodeLabel: holderCodeLabel(e.applicant.certType),
        holderCode: e.applicant.certMasked,
        issuerName: e.deptName,
        issueDate,
        validFrom: issueDate,
        validTo,
        faceFields: Object.entries(e.licence.faceFields).map(([label, value]) => ({ label, value })),
        qrText: verifyUrl,
        verifyUrl,
      },
      { fontPath: this.config.FONT_PATH },
    );
    const fileSm3 = sm3Hex(file);
    const signedData: LicenceSignedData = {
      identifier,
      typeCode: e.licence.typeCode,
      typeName: e.licence.typeName,
      holderName: e.applicant.name,
      holderCodeType: e.applicant.certType,
      holderCode: e.applicant.certMasked,
      issuerCode: e.deptCode,
      issuerName: e.deptName,
      issueDate,
      validFrom: issueDate,
      validTo,
      caseNo: e.caseNo,
      itemCode: e.itemCode,
      faceFields: e.licence.faceFields,
      fileSm3,
    };
    const sig = signLicence(signedData, { kid, privateKeyHex: this.keys.privateKeyHex });
    const licence = em.create(LicenceEntity, {
      licenceId: identifier,
      caseNo: e.caseNo,
      itemCode: e.itemCode,
      typeCode: e.licence.typeCode,
      typeName: e.licence.typeName,
      serial,
      version,
      holderName: e.applicant.name,
      holderCertType: e.applicant.certType,
      holderCertMasked: e.applicant.certMasked,
      holderCertHash: e.applicant.certHash,
      holderUserProp: e.applicant.userProp,
      issuerCode: e.deptCode,
      issuerName: e.deptName,
      issueDate,
      validFrom: issueDate,
      validTo,
      faceFields: e.licence.faceFields,
      file,
      fileSm3,
      signedData: signedData as unknown as Record<string, unknown>,
      signature: sig.signature,
      signedDigest: sig.signedDigest,
      kid,
      qrToken,
      status: LICENCE_STATUS.ISSUED,
    });
    await em.save(licence);
    await this.outbox.add(em, TOPICS.LICENCE_ISSUED, identifier, {
      licenceId: identifier,
      caseNo: e.caseNo,
      itemCode: e.itemCode,
      typeCode: e.licence.typeCode,
      typeName: e.licence.typeName,
      holderName: e.applicant.name,
      holderCertType: e.applicant.certType,
      holderCertMasked: e.applicant.certMasked,
      holderCertHash: e.applicant.certHash,
      issuerCode: e.deptCode,
      issuerName: e.deptName,
      issueDate,
      validTo,
      version,
      kid,
      verifyUrl,
    });
    this.logger.log({ licenceId: identifier, caseNo: e.caseNo }, 'licence issued');
    return licence;
  }

  private async logUsage(
    em: EntityManager | DataSource,
    licenceId: string,
    action: string,
    who: { sub: string; dept?: string | null },
    purpose: string,
    result: string,
  ): Promise<void> {
    await em
      .getRepository(LicenceUsageEntity)
      .insert({ licenceId, action, requesterSub: who.sub, requesterDept: who.dept ?? null, purpose, result });
  }

  private async find(licenceId: string, withFile = false): Promise<LicenceEntity> {
    const qb = this.db
      .getRepository(LicenceEntity)
      .createQueryBuilder('l')
      .where('l.licence_id = :id', { id: licenceId });
    if (withFile) qb.addSelect('l.file');
    const l = await qb.getOne();
    if (!l) throw new DomainError('LICENCE_NOT_FOUND', undefined, { licenceId });
    return l;
  }

  async get(user: Principal, licenceId: string, purpose: string) {
    const l = await this.find(licenceId);
    await this.logUsage(this.db, l.licenceId, 'QUERY', user, purpose, 'OK');
    return {
      licenceId: l.licenceId,
      status: l.status,
      version: l.version,
      type: { code: l.typeCode, name: l.typeName },
      holder: { name: l.holderName, certType: l.holderCertType, certNo: l.holderCertMasked },
      issuer: { code: l.issuerCode, name: l.issuerName },
      issueDate: l.issueDate,
      validFrom: l.validFrom,
      validTo: l.validTo,
      faceFields: l.faceFields,
      caseNo: l.caseNo,
      itemCode: l.itemCode,
      file: { sm3: l.fileSm3, contentType: 'application/pdf' },
      signature: {
        algorithm: 'SM2-SM3',
        kid: l.kid,
        value: l.signature,
        signedDigest: l.signedDigest,
        signedData: l.signedData,
      },
    };
  }

  async file(
    user: Principal,
    licenceId: string,
    purpose: string,
  ): Promise<{ file: Buffer; licenceId: string }> {
    const l = await this.find(licenceId, true);
    await this.logUsage(this.db, l.licenceId, 'DOWNLOAD', user, purpose, 'OK');
    return { file: l.file, licenceId: l.licenceId };
  }

  async usage(licenceId: string) {
    const l = await this.find(licenceId);
    const rows = await this.db
      .getRepository(LicenceUsageEntity)
      .find({ where: { licenceId: l.licenceId }, order: { id: 'DESC' }, take: 200 });
    return {
      licenceId: l.licenceId,
      entries: rows.map((r) => ({
        action: r.action,
        requester: r.requesterSub,
        dept: r.requesterDept,
        purpose: r.purpose,
        result: r.result,
        at: r.at.toISOString(),
      })),
    };
  }

  /**
   * Checks a stored licence against its signature: the record's key, the SM2 signature over signed_data,
   * then every column the signature covers must equal the signed data (a tampered database is an
   * incident, logged at error level), then what the caller already knows (the token's identifier, the
   * uploaded file's hash). Only then the later state: status (not signed) and the signed expiry.
   */
  private async checkRecord(
    l: LicenceEntity,
    via: 'VERIFY_QR' | 'VERIFY_FILE',
    expect: { identifier?: string; fileSm3?: string },
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
    if (data.validTo && data.validTo < shanghaiDate(new Date())) return { reason: 'EXPIRED', signed };
    return { reason: null, signed };
  }

  /** Every field shown comes from the verified signed data, except the status (a later, unsigned state). */
  private verdict(reason: VerificationReason | null, signed?: RecordCheck['signed']) {
    const show = signed && !integrityFailed(reason);
    return {
      valid: reason === null,
      reason: reason ?? undefined,
      message: reason ? REASON_TEXT[reason] : '证照真实有效 / The licence is authentic and valid',
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

  /** Public QR verification: token signature, then the licence record, status, version and expiry. */
  async verifyToken(token: string) {
    const parsed = parseQrToken(token);
    if (!parsed) return this.verdict('MALFORMED');
    const pub = await this.keys.publicKey(parsed.k);
    if (!pub) return this.verdict('UNKNOWN_KEY');
    const t = verifyQrToken(token, () => pub);
    if (!t.valid) return this.verdict(t.reason ?? 'MALFORMED');
    const l = await this.db.getRepository(LicenceEntity).findOne({ where: { licenceId: parsed.i } });
    if (!l) return this.verdict('NOT_FOUND');
    const c = await this.checkRecord(l, 'VERIFY_QR', { identifier: parsed.i });
    const reason = c.reason ?? (c.signed && c.signed.version !== parsed.v ? 'SUPERSEDED' : null);
    await this.logUsage(this.db, l.licenceId, 'VERIFY_QR', { sub: 'public' }, '扫码核验', reason ?? 'VALID');
    return this.verdict(reason, c.signed);
  }

  /**
   * Public file verification: the SM3 of the uploaded file must be the signed hash of an intact issued
   * licence. Rows are found by the file_sm3 column; should several claim the hash (only possible after
   * tampering), each is checked (and logged) and an intact one decides.
   */
  async verifyFile(file: Buffer) {
    const digest = sm3Hex(file);
    const rows = await this.db
      .getRepository(LicenceEntity)
      .find({ where: { fileSm3: digest }, order: { createdAt: 'ASC' }, take: 5 });
    if (rows.length === 0) return { ...this.verdict('FILE_NOT_ISSUED'), fileSm3: digest };
    const checked: Array<{ l: LicenceEntity; c: RecordCheck }> = [];
    for (const l of rows) {
      checked.push({ l, c: await this.checkRecord(l, 'VERIFY_FILE', { fileSm3: digest }) });
    }
    const { l, c } = checked.find((x) => !integrityFailed(x.c.reason)) ?? checked[0];
    await this.logUsage(
      this.db,
      l.licenceId,
      'VERIFY_FILE',
      { sub: 'public' },
      '文件核验',
      c.reason ?? 'VALID',
    );
    return { ...this.verdict(c.reason, c.signed), fileSm3: digest };
  }
}
