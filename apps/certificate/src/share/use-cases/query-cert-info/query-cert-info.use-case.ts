import { Injectable } from '@nestjs/common';
import { LICENCE_ID_PATTERN } from '../../../licences/dto/licence-id.param.dto';
import { LicenceEntity } from '../../../licences/entities/licence.entity';
import { LicenceRepository } from '../../../licences/repositories/licence.repository';
import { certDataOf } from '../../cert-data';
import { ShareCaller, ShareGate } from '../../share-gate';
import { requiredText, ShareData, useCauseOf } from '../../share-input';

export interface QueryCertInfoData {
  cert_identifier: string;
  certData: Record<string, unknown>;
}

/**
 * The licence a partner names by its identifier (certIdentifier), if the partner may see its type; the
 * use is logged. Also the lookup the identifier-based operations share (downloadUrl, getCertRemarkInfo).
 */
@Injectable()
export class QueryCertInfoUseCase {
  constructor(
    private readonly licences: LicenceRepository,
    private readonly gate: ShareGate,
  ) {}

  async execute(caller: ShareCaller, data: ShareData): Promise<QueryCertInfoData> {
    const useCause = useCauseOf(data);
    const l = await this.licenceFor(caller, data, 'QUERY', useCause);
    await this.gate.use(caller, l, 'QUERY', useCause);
    return { cert_identifier: l.licenceId, certData: certDataOf(l) };
  }

  /** The licence named by data.certIdentifier (12 when missing), or 10 (the attempt logged). */
  async licenceFor(
    caller: ShareCaller,
    data: ShareData,
    action: 'QUERY' | 'DOWNLOAD_URL',
    useCause: string,
  ): Promise<LicenceEntity> {
    const id = requiredText(data, 'certIdentifier', 120);
    const wellFormed = LICENCE_ID_PATTERN.test(id);
    const l = wellFormed ? await this.licences.findById(id) : null;
    return l ?? this.gate.notFound(caller, action, useCause, wellFormed ? id : undefined);
  }
}
