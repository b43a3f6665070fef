import { Injectable } from '@nestjs/common';
import { REASON_TEXT } from '../../../licences/verification/licence-verifier';
import { VerifyLicenceFileUseCase } from '../../../licences/use-cases/verify-licence-file/verify-licence-file.use-case';
import { NO_LICENCE, ShareCaller, ShareGate } from '../../share-gate';
import { certTypeCodeOf, requiredText, ShareData, useCauseOf } from '../../share-input';
import { SHARE_STATUS, ShareError } from '../../share-status';
import { VerifyResult, VERIFY_RESULTS } from '../verify-cert-info/verify-cert-info.use-case';

/** Base64 of at most this many bytes (the JSON body limit of the service bounds it too). */
export const VERIFY_FILE_MAX_BYTES = 10 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface VerifyFileData {
  result: VerifyResult;
  message: string;
  /** The file check's own verdict (null: authentic and valid), as GET /verify/file names it. */
  reason: string | null;
  reasonText: string;
  fileSm3: string;
  cert_identifier?: string;
}

/**
 * 文件核验 for a partner: the uploaded file (content, base64) is checked exactly as the public file
 * verification does (SM3 of the file against the signed hash of an intact licence); the partner must
 * hold the licence type, and the use is logged under the partner.
 */
@Injectable()
export class VerifyShareFileUseCase {
  constructor(
    private readonly files: VerifyLicenceFileUseCase,
    private readonly gate: ShareGate,
  ) {}

  async execute(caller: ShareCaller, data: ShareData): Promise<VerifyFileData> {
    const useCause = useCauseOf(data);
    const certTypeCode = certTypeCodeOf(data);
    if (requiredText(data, 'contentType', 20) !== 'base64') {
      throw new ShareError(SHARE_STATUS.PARAMETER_ERROR, 'data.contentType固定为：base64');
    }
    const content = requiredText(data, 'content', Math.ceil((VERIFY_FILE_MAX_BYTES * 4) / 3) + 4);
    if (!BASE64.test(content)) throw new ShareError(SHARE_STATUS.PARAMETER_ERROR, 'content 须为 base64');
    const log = { action: 'VERIFY_FILE' as const, purpose: useCause };
    await this.gate.assertMaySee(caller, certTypeCode, { ...log, licenceId: NO_LICENCE });
    const r = await this.files.inspect(Buffer.from(content, 'base64'));
    const result: VerifyResult =
      r.reason === null
        ? '0'
        : r.reason === 'REVOKED' || r.reason === 'EXPIRED' || r.reason === 'SUPERSEDED'
          ? '3'
          : '5';
    const answer: VerifyFileData = {
      result,
      message: VERIFY_RESULTS[result],
      reason: r.reason,
      reasonText: r.reason ? REASON_TEXT[r.reason] : VERIFY_RESULTS['0'],
      fileSm3: r.fileSm3,
    };
    if (!r.licence || r.licence.typeCode !== certTypeCode) {
      await this.gate.record(caller, {
        ...log,
        licenceId: r.licence?.licenceId ?? NO_LICENCE,
        result: 'NO_MATCH',
      });
      return r.licence ? { ...answer, result: '5', message: VERIFY_RESULTS['5'] } : answer;
    }
    await this.gate.use(caller, r.licence, 'VERIFY_FILE', useCause, r.reason ?? 'VALID');
    return { ...answer, cert_identifier: r.licence.licenceId };
  }
}
