import { Injectable } from '@nestjs/common';
import { LicenceEntity } from '../../entities/licence.entity';
import { LicenceView } from '../../dto/licence.response.dto';
import { LicenceRepository } from '../../repositories/licence.repository';
import { LicenceUsageRepository } from '../../repositories/licence-usage.repository';

export interface ReadLicenceCommand {
  licenceId: string;
  /** Who reads (the usage log keeps the subject and department). */
  requester: { sub: string; dept?: string | null };
  /** 用证事由, already validated. */
  purpose: string;
}

export function toLicenceView(l: LicenceEntity): LicenceView {
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
    revokedAt: l.revokedAt?.toISOString() ?? null,
    revocationReason: l.revocationReason ?? null,
  };
}

/** 证照信息 for a department: the licence's data, the query logged with its purpose. */
@Injectable()
export class GetLicenceUseCase {
  constructor(
    private readonly licences: LicenceRepository,
    private readonly usage: LicenceUsageRepository,
  ) {}

  async execute(c: ReadLicenceCommand): Promise<LicenceView> {
    const l = await this.licences.getById(c.licenceId);
    await this.usage.record({
      licenceId: l.licenceId,
      action: 'QUERY',
      requester: c.requester,
      purpose: c.purpose,
      result: 'OK',
    });
    return toLicenceView(l);
  }
}
