import { Injectable } from '@nestjs/common';
import { sm3Hex } from '../../../licence-core';
import { FileVerificationResult } from '../../dto/verification.response.dto';
import { LicenceRepository } from '../../repositories/licence.repository';
import { LicenceUsageRepository, PUBLIC_REQUESTER } from '../../repositories/licence-usage.repository';
import { integrityFailed, LicenceVerifier, verdict } from '../../verification/licence-verifier';

/**
 * Public file verification: the SM3 of the uploaded file must be the signed hash of an intact issued
 * licence. Rows are found by the file_sm3 column; should several claim the hash (only possible after
 * tampering), each is checked (and logged) and an intact one decides.
 */
@Injectable()
export class VerifyLicenceFileUseCase {
  constructor(
    private readonly licences: LicenceRepository,
    private readonly usage: LicenceUsageRepository,
    private readonly verifier: LicenceVerifier,
  ) {}

  async execute(file: Buffer): Promise<FileVerificationResult> {
    const digest = sm3Hex(file);
    const rows = await this.licences.findByFileHash(digest);
    if (rows.length === 0) return { ...verdict('FILE_NOT_ISSUED'), fileSm3: digest };
    const checked = [];
    for (const l of rows) {
      checked.push({ l, c: await this.verifier.checkRecord(l, 'VERIFY_FILE', { fileSm3: digest }) });
    }
    const { l, c } = checked.find((x) => !integrityFailed(x.c.reason)) ?? checked[0];
    this.usage.recordPublic({
      licenceId: l.licenceId,
      action: 'VERIFY_FILE',
      requester: PUBLIC_REQUESTER,
      purpose: '文件核验',
      result: c.reason ?? 'VALID',
    });
    return { ...verdict(c.reason, c.signed), fileSm3: digest };
  }
}
