import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApprovalCaseApprovedV1, TOPICS } from '@app/shared/contracts';
import { OutboxService } from '@app/shared/kafka';
import { metricsRegistry } from '@app/shared/metrics';
import { Counter } from 'prom-client';
import { shanghaiDate } from '@app/shared/time';
import { CertificateConfig } from '../../../config/certificate.config';
import { LICENCE_STATUS, LicenceEntity } from '../../entities/licence.entity';
import { LicenceWorkerPool } from '../../licence-worker-pool';
import { LicenceRepository } from '../../repositories/licence.repository';
import { SigningKeysService } from '../../signing-keys.service';
import { holderCodeLabel, licenceIdentifierFor, validToOf } from './licence-terms';

const licencesIssued = new Counter({
  name: 'licences_issued_total',
  help: 'Electronic licences issued by this process (counted when the issuing transaction writes the licence)',
  registers: [metricsRegistry],
});

/** What issuing needs of an approval (the consumer translates approval.case.approved into this). */
export interface IssueLicenceCommand extends Pick<
  ApprovalCaseApprovedV1,
  'caseNo' | 'itemCode' | 'deptCode' | 'deptName' | 'applicant'
> {
  /** The licence to issue; none for an approval that grants no licence. */
  licence: NonNullable<ApprovalCaseApprovedV1['licence']> | null;
  approvedAt: Date;
}

/**
 * Issues the licence of an approved case inside the caller's transaction (the consumer's inbox
 * transaction): identifier, PDF with QR, SM2 signature over SM3 of the canonical data (incl. the file
 * hash), the row and the licence.issued outbox event.
 */
@Injectable()
export class IssueLicenceUseCase {
  private readonly logger = new Logger(IssueLicenceUseCase.name);

  constructor(
    private readonly licences: LicenceRepository,
    private readonly outbox: OutboxService,
    private readonly keys: SigningKeysService,
    private readonly config: CertificateConfig,
    private readonly producer: LicenceWorkerPool,
  ) {}

  /** Returns null when there is no licence to issue or the case already has it (the business key holds). */
  async execute(em: EntityManager, c: IssueLicenceCommand): Promise<LicenceEntity | null> {
    const spec = c.licence;
    if (!spec) return null;
    const { identifier, serial, version } = licenceIdentifierFor(c, spec.typeCode);
    if (await this.licences.existsForCase(em, { caseNo: c.caseNo, itemCode: c.itemCode, version })) {
      return null;
    }
    const issueDate = shanghaiDate(c.approvedAt);
    const validTo = validToOf(issueDate, spec.validYears);
    const kid = this.keys.activeKid;
    // Render and sign in a worker thread: the consumer's event loop keeps serving while it runs.
    const produced = await this.producer.produce({
      identifier,
      version,
      kid,
      issuedAtEpochS: Math.floor(c.approvedAt.getTime() / 1000),
      verifyBaseUrl: this.config.PUBLIC_BASE_URL,
      holderCodeLabel: holderCodeLabel(c.applicant.certType),
      data: {
        identifier,
        typeCode: spec.typeCode,
        typeName: spec.typeName,
        holderName: c.applicant.name,
        holderCodeType: c.applicant.certType,
        holderCode: c.applicant.certMasked,
        issuerCode: c.deptCode,
        issuerName: c.deptName,
        issueDate,
        validFrom: issueDate,
        validTo,
        caseNo: c.caseNo,
        itemCode: c.itemCode,
        faceFields: spec.faceFields,
      },
    });
    const { file, qrToken, verifyUrl, signedData } = produced;
    const licence = await this.licences.insert(em, {
      licenceId: identifier,
      caseNo: c.caseNo,
      itemCode: c.itemCode,
      typeCode: spec.typeCode,
      typeName: spec.typeName,
      serial,
      version,
      holderName: c.applicant.name,
      holderCertType: c.applicant.certType,
      holderCertMasked: c.applicant.certMasked,
      holderCertHash: c.applicant.certHash,
      holderUserProp: c.applicant.userProp,
      issuerCode: c.deptCode,
      issuerName: c.deptName,
      issueDate,
      validFrom: issueDate,
      validTo,
      faceFields: spec.faceFields,
      file,
      fileSm3: signedData.fileSm3,
      signedData: signedData as unknown as Record<string, unknown>,
      signature: produced.signature,
      signedDigest: produced.signedDigest,
      kid,
      qrToken,
      status: LICENCE_STATUS.ISSUED,
    });
    await this.outbox.add(em, TOPICS.LICENCE_ISSUED, identifier, {
      licenceId: identifier,
      caseNo: c.caseNo,
      itemCode: c.itemCode,
      typeCode: spec.typeCode,
      typeName: spec.typeName,
      holderName: c.applicant.name,
      holderCertType: c.applicant.certType,
      holderCertMasked: c.applicant.certMasked,
      holderCertHash: c.applicant.certHash,
      issuerCode: c.deptCode,
      issuerName: c.deptName,
      issueDate,
      validTo,
      version,
      kid,
      verifyUrl,
    });
    licencesIssued.inc();
    this.logger.log({ licenceId: identifier, caseNo: c.caseNo }, 'licence issued');
    return licence;
  }
}
