import { Injectable } from '@nestjs/common';
import { sm3Hex } from '../../../licence-core';
import { FileVerificationResult, VerificationReason } from '../../dto/verification.response.dto';
import { LicenceEntity } from '../../entities/licence.entity';
import { LicenceRepository } from '../../repositories/licence.repository';
import { LicenceUsageRepository, PUBLIC_REQUESTER } from '../../repositories/licence-usage.repository';
import { integrityFailed, LicenceVerifier, SignedRecord, verdict } from '../../verification/licence-verifier';

/** What a file check found: the file's SM3, the deciding licence row (if any) and the verdict. */
export interface FileInspection {
  fileSm3: string;
  licence: LicenceEntity | null;
  reason: VerificationReason | null;
  signed?: SignedRecord;
}

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
    const r = await this.inspect(file);
    if (r.licence) {
      this.usage.recordPublic({
        licenceId: r.licence.licenceId,
        action: 'VERIFY_FILE',
        requester: PUBLIC_REQUESTER,
        purpose: '文件核验',
        result: r.reason ?? 'VALID',
      });
    }
    return { ...verdict(r.reason, r.signed), fileSm3: r.fileSm3 };
  }

  /** The check itself, without logging (callers log with their own requester and purpose). */
  async inspect(file: Buffer): Promise<FileInspection> {
    const digest = sm3Hex(file);
    const rows = await this.licences.findByFileHash(digest);
    if (rows.length === 0) return { fileSm3: digest, licence: null, reason: 'FILE_NOT_ISSUED' };
    const checked = [];
    for (const l of rows) {
      checked.push({ l, c: await this.verifier.checkRecord(l, 'VERIFY_FILE', { fileSm3: digest }) });
    }
    const { l, c } = checked.find((x) => !integrityFailed(x.c.reason)) ?? checked[0];
    return { fileSm3: digest, licence: l, reason: c.reason, signed: c.signed };
  }
}
