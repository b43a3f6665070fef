import { Injectable } from '@nestjs/common';
import { keyedHash } from '@app/shared/identifiers';
import { CertificateConfig } from '../../../config/certificate.config';
import { LicenceEntity } from '../../../licences/entities/licence.entity';
import { LicenceRepository } from '../../../licences/repositories/licence.repository';
import { noLongerValid } from '../../cert-data';
import { NO_LICENCE, ShareCaller, ShareGate } from '../../share-gate';
import { certTypeCodeOf, requiredObject, requiredText, ShareData, useCauseOf } from '../../share-input';

/** 核验结果 of the provincial interface (`data.result`). */
export const VERIFY_RESULTS = {
  '0': '信息正确且有效',
  '3': '信息正确且证照已失效',
  '4': '信息不全无法验证',
  '5': '查无此信息',
  '6': '请填写certData中参数',
  '7': '部分信息有误或不完整',
} as const;
export type VerifyResult = keyof typeof VERIFY_RESULTS;

export interface VerifyData {
  result: VerifyResult;
  message: string;
  cert_identifier?: string;
}

export const verifyData = (result: VerifyResult, licenceId?: string): VerifyData => ({
  result,
  message: VERIFY_RESULTS[result],
  ...(licenceId ? { cert_identifier: licenceId } : {}),
});

const KEYS = new Set(['holderCode', 'holder', 'certNo']);

/** Whether every further field the partner sent equals the licence's face field of that name. */
export function faceFieldsMatch(l: LicenceEntity, certData: ShareData): boolean {
  return Object.entries(certData)
    .filter(([k]) => !KEYS.has(k))
    .every(
      ([k, v]) => Object.prototype.hasOwnProperty.call(l.faceFields, k) && l.faceFields[k] === String(v),
    );
}

/**
 * 核验: does the licence data a partner holds (certData: holderCode, holder, certNo and any face fields)
 * match a licence of the type? The answer is a verdict, never the licence itself. A match is logged
 * under the licence, a miss under "-".
 */
@Injectable()
export class VerifyCertInfoUseCase {
  constructor(
    private readonly licences: LicenceRepository,
    private readonly gate: ShareGate,
    private readonly config: CertificateConfig,
  ) {}

  async execute(caller: ShareCaller, data: ShareData): Promise<VerifyData> {
    const useCause = useCauseOf(data);
    const certTypeCode = certTypeCodeOf(data);
    const certData = requiredObject(data, 'certData');
    const log = { action: 'VERIFY_DATA' as const, purpose: useCause };
    await this.gate.assertMaySee(caller, certTypeCode, { ...log, licenceId: NO_LICENCE });
    if (Object.keys(certData).length === 0) return verifyData('6');
    const holderCode = requiredText(certData, 'holderCode', 64);
    const holder = requiredText(certData, 'holder', 200);
    const certNo = requiredText(certData, 'certNo', 120);
    const hash = keyedHash(this.config.PII_HASH_KEY, holderCode);
    const found = (await this.licences.findByHolderHash(certTypeCode, hash)).filter(
      (l) => certNo === l.serial || certNo === l.licenceId,
    );
    if (found.length !== 1) {
      const result = found.length === 0 ? '5' : '4';
      await this.gate.record(caller, { ...log, licenceId: NO_LICENCE, result: `RESULT_${result}` });
      return verifyData(result);
    }
    const l = found[0];
    const result: VerifyResult =
      l.holderName !== holder || !faceFieldsMatch(l, certData) ? '7' : noLongerValid(l) ? '3' : '0';
    await this.gate.use(caller, l, 'VERIFY_DATA', useCause, `RESULT_${result}`);
    return verifyData(result, l.licenceId);
  }
}
