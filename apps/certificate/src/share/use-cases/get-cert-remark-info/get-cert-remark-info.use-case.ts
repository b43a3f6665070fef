import { Injectable } from '@nestjs/common';
import { certStatusOf, surfaceOf } from '../../cert-data';
import { ShareCaller, ShareGate } from '../../share-gate';
import { ShareData, useCauseOf } from '../../share-input';
import { QueryCertInfoUseCase } from '../query-cert-info/query-cert-info.use-case';

export interface CertRemarkData {
  cert_identifier: string;
  certificate_type_code: string;
  certificate_name: string;
  /** 证照状态: 1 现势, 2 注销 */
  status: '1' | '2';
  /** 加注 records: none are kept yet (no 加注件 is produced), so always empty. */
  remarks: unknown[];
  certificate_copy_creation_time: null;
  certificate_copy_creator: null;
  certificate_copy_cause: null;
  certificate_copy_expiring_time: null;
  revoked_at: string | null;
  revocation_reason: string | null;
  /** The face fields (照面) with their names and column names. */
  surface: Array<Record<string, string>>;
}

/**
 * getCertRemarkInfo for a licence (certIdentifier). The project keeps no 加注 (annotation) data yet: the
 * answer carries the 加注件 fields empty, the licence's revocation (注销) as its remark, and the face
 * fields (照面) the provincial operation describes.
 */
@Injectable()
export class GetCertRemarkInfoUseCase {
  constructor(
    private readonly query: QueryCertInfoUseCase,
    private readonly gate: ShareGate,
  ) {}

  async execute(caller: ShareCaller, data: ShareData): Promise<CertRemarkData> {
    const useCause = useCauseOf(data);
    const l = await this.query.licenceFor(caller, data, 'QUERY', useCause);
    await this.gate.use(caller, l, 'QUERY', useCause);
    return {
      cert_identifier: l.licenceId,
      certificate_type_code: l.typeCode,
      certificate_name: l.typeName,
      status: certStatusOf(l),
      remarks: [],
      certificate_copy_creation_time: null,
      certificate_copy_creator: null,
      certificate_copy_cause: null,
      certificate_copy_expiring_time: null,
      revoked_at: l.revokedAt?.toISOString() ?? null,
      revocation_reason: l.revocationReason,
      surface: surfaceOf(l),
    };
  }
}
