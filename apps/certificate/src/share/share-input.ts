import { HOLDER_CERT_TYPES } from '@app/shared/codes';
import { textProblem } from '@app/shared/validation';
import { SHARE_STATUS, ShareError } from './share-status';

/** The `data` of a share call, as the client sent it (checked field by field: a problem is a status, not a 400). */
export type ShareData = Record<string, unknown>;

export const USE_CAUSE_MAX = 200;
export const CERT_TYPE_CODE_PATTERN = /^[0-9A-Z]{21}$/;

const paramError = (message: string) => new ShareError(SHARE_STATUS.PARAMETER_ERROR, message);

const isBlank = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && !v.trim());

/** A required single-line text field of `data` (trimmed), or status 12. */
export function requiredText(data: ShareData, field: string, max: number): string {
  const v = data[field];
  if (isBlank(v)) throw paramError(`${SHARE_MESSAGE_REQUIRED}: ${field}`);
  const s = typeof v === 'string' ? v.trim() : v;
  const problem = textProblem(s, { max });
  if (problem) throw paramError(`${field} ${problem}`);
  return s as string;
}

/** An optional single-line text field of `data`, or status 12 when present but invalid. */
export function optionalText(data: ShareData, field: string, max: number): string | undefined {
  return isBlank(data[field]) ? undefined : requiredText(data, field, max);
}

const SHARE_MESSAGE_REQUIRED = '要求必填的输入参数值不为空';

/** 申请事由 (用证事由): required on every call, ≤ 200 characters, single line — else status 12. */
export function useCauseOf(data: ShareData): string {
  return requiredText(data, 'useCause', USE_CAUSE_MAX);
}

/** 证照类型代码 (21 characters), or status 12. */
export function certTypeCodeOf(data: ShareData, field = 'certTypeCode'): string {
  const code = requiredText(data, field, 21);
  if (!CERT_TYPE_CODE_PATTERN.test(code)) throw paramError(`${field} 须为21位证照类型代码`);
  return code;
}

/** 持证主体代码类型代码 of §1.4 (GB/T 36903): present (else 12) and one of the listed codes (else 103). */
export function holderTypeCodeOf(data: ShareData): string {
  const v = data.holderTypeCode;
  if (isBlank(v)) throw paramError(`${SHARE_MESSAGE_REQUIRED}: holderTypeCode`);
  if (typeof v !== 'string' || !Object.prototype.hasOwnProperty.call(HOLDER_CERT_TYPES, v.trim())) {
    throw new ShareError(SHARE_STATUS.HOLDER_TYPE_INVALID);
  }
  return v.trim();
}

/** A nested object field of `data` (certData), or status 12. */
export function requiredObject(data: ShareData, field: string): ShareData {
  const v = data[field];
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw paramError(`${SHARE_MESSAGE_REQUIRED}: ${field}`);
  }
  return v as ShareData;
}
