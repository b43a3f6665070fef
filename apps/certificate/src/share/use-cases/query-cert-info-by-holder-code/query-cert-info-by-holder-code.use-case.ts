import { Injectable } from '@nestjs/common';
import { keyedHash } from '@app/shared/identifiers';
import { CertificateConfig } from '../../../config/certificate.config';
import { LicenceRepository } from '../../../licences/repositories/licence.repository';
import { certDataOf } from '../../cert-data';
import { ShareCaller, ShareGate } from '../../share-gate';
import {
  certTypeCodeOf,
  holderTypeCodeOf,
  optionalText,
  requiredText,
  ShareData,
  useCauseOf,
} from '../../share-input';

export interface QueryCertInfoListData {
  total: number;
  certData: Array<Record<string, unknown>>;
}

/**
 * The licences of one type held by a holder (持证主体代码 + 类型代码, optionally one 证照编号). The holder
 * code is matched by its keyed hash (HMAC-SM3, PII_HASH_KEY) — a personal ID number is neither stored nor
 * logged here; each licence answered is logged.
 */
@Injectable()
export class QueryCertInfoByHolderCodeUseCase {
  constructor(
    private readonly licences: LicenceRepository,
    private readonly gate: ShareGate,
    private readonly config: CertificateConfig,
  ) {}

  async execute(caller: ShareCaller, data: ShareData): Promise<QueryCertInfoListData> {
    const useCause = useCauseOf(data);
    const holderCode = requiredText(data, 'holderCode', 64);
    const holderTypeCode = holderTypeCodeOf(data);
    const certTypeCode = certTypeCodeOf(data);
    const certNo = optionalText(data, 'certNo', 120);
    await this.gate.assertMaySee(caller, certTypeCode, {
      licenceId: '-',
      action: 'QUERY',
      purpose: useCause,
    });
    const found = (
      await this.licences.findByHolder({
        typeCode: certTypeCode,
        holderCertType: holderTypeCode,
        holderCertHash: keyedHash(this.config.PII_HASH_KEY, holderCode),
      })
    ).filter((l) => certNo === undefined || certNo === l.serial || certNo === l.licenceId);
    if (found.length === 0) return this.gate.notFound(caller, 'QUERY', useCause);
    for (const l of found) await this.gate.use(caller, l, 'QUERY', useCause);
    return { total: found.length, certData: found.map(certDataOf) };
  }
}
