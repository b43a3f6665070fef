import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { ApprovalCaseApprovedV1, TOPICS } from '@app/shared/contracts';
import { DomainError } from '@app/shared/errors';
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
  FILE_NOT_ISSUED:
    '文件与任何已签发证照不符（可能被篡改） / File matches no issued licence (it may have been altered)',
};

/** Minimal personal data on public pages: a natural person's name shows only its first character. */
function publicHolderName(l: LicenceEntity): string {
  return l.holderUserProp === '1'
    ? `${[...l.holderName][0] ?? ''}${'*'.repeat(Math.max(1, [...l.holderName].length - 1))}`
    : l.holderName;
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

  private async checkRecord(l: LicenceEntity): Promise<VerificationReason | null> {
    const pub = await this.keys.publicKey(l.kid);
    if (!pub) return 'UNKNOWN_KEY';
    const res = verifyLicenceSignature(l.signedData as unknown as LicenceSignedData, l.signature, pub);
    if (!res.valid) return 'RECORD_TAMPERED';
    if (l.status === LICENCE_STATUS.REVOKED) return 'REVOKED';
    if (l.validTo && l.validTo < shanghaiDate(new Date())) return 'EXPIRED';
    return null;
  }

  private verdict(reason: VerificationReason | null, l?: LicenceEntity) {
    return {
      valid: reason === null,
      reason: reason ?? undefined,
      message: reason ? REASON_TEXT[reason] : '证照真实有效 / The licence is authentic and valid',
      licence: l
        ? {
            licenceId: l.licenceId,
            typeName: l.typeName,
            holderName: publicHolderName(l),
            issuerName: l.issuerName,
            issueDate: l.issueDate,
            validTo: l.validTo,
            version: l.version,
            status: l.status,
          }
        : undefined,
    };
  }

  /** Public QR verification: token signature, then the licence record, status, version and expiry. */
  async verifyToken(token: string) {
    const parsed = parseQrToken(token);
    if (!parsed) return this.verdict('MALFORMED');
    const pub = await this.keys.publicKey(parsed.k);
    const t = verifyQrToken(token, (kid) => (kid === parsed.k ? pub : undefined));
    if (!t.valid) return this.verdict((t.reason as VerificationReason | undefined) ?? 'MALFORMED');
    const l = await this.db.getRepository(LicenceEntity).findOne({ where: { licenceId: parsed.i } });
    if (!l) return this.verdict('NOT_FOUND');
    const reason = (await this.checkRecord(l)) ?? (l.version !== parsed.v ? 'SUPERSEDED' : null);
    await this.logUsage(this.db, l.licenceId, 'VERIFY_QR', { sub: 'public' }, '扫码核验', reason ?? 'VALID');
    return this.verdict(reason, l);
  }

  /** Public file verification: the SM3 of the uploaded file must be the signed hash of an issued licence. */
  async verifyFile(file: Buffer) {
    const digest = sm3Hex(file);
    const l = await this.db.getRepository(LicenceEntity).findOne({ where: { fileSm3: digest } });
    if (!l) return { ...this.verdict('FILE_NOT_ISSUED'), fileSm3: digest };
    const reason = await this.checkRecord(l);
    await this.logUsage(
      this.db,
      l.licenceId,
      'VERIFY_FILE',
      { sub: 'public' },
      '文件核验',
      reason ?? 'VALID',
    );
    return { ...this.verdict(reason, l), fileSm3: digest };
  }
}
