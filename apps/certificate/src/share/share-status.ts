/**
 * Status codes of the provincial 证照共享 interface (reference/gov-standards.md §1.6; the certShare
 * implementation it cites). Every answer is HTTP 200 with `{ head: { status, message }, data }`.
 * 0, 11, 100, 103 and 99 are the codes §1.6 lists; 10 (no matching licence) and 12 (a required parameter
 * missing or invalid) are the provincial service's own codes for those cases, kept so that a client written
 * for it needs no change.
 */
export const SHARE_STATUS = {
  OK: 0,
  NOT_FOUND: 10,
  UNAUTHENTICATED: 11,
  PARAMETER_ERROR: 12,
  FORBIDDEN: 100,
  HOLDER_TYPE_INVALID: 103,
  OTHER: 99,
} as const;

export type ShareStatus = (typeof SHARE_STATUS)[keyof typeof SHARE_STATUS];

export const SHARE_MESSAGES: Record<ShareStatus, string> = {
  0: '接口调用成功',
  10: '未找到匹配的证照信息',
  11: '身份验证不通过',
  12: '要求必填的输入参数值不为空',
  100: '该用户无访问该证的权限',
  103: '持证主体代码类型代码不符合规范',
  99: '其他异常',
};

export interface ShareHead {
  status: ShareStatus;
  message: string;
}

export interface ShareResponse<T = unknown> {
  head: ShareHead;
  data: T | null;
}

/** A refused share call: carries its interface status (never an HTTP status). */
export class ShareError extends Error {
  constructor(
    readonly status: Exclude<ShareStatus, 0>,
    message?: string,
  ) {
    super(message ?? SHARE_MESSAGES[status]);
    this.name = 'ShareError';
  }
}

export const shareOk = <T>(data: T): ShareResponse<T> => ({
  head: { status: SHARE_STATUS.OK, message: SHARE_MESSAGES[SHARE_STATUS.OK] },
  data,
});

/**
 * The envelope of a failed call: a ShareError keeps its status and message; anything else is 99 with the
 * generic message (the cause is logged by the caller, never sent).
 */
export function shareFailure(e: unknown): ShareResponse<null> {
  if (e instanceof ShareError) return { head: { status: e.status, message: e.message }, data: null };
  return { head: { status: SHARE_STATUS.OTHER, message: SHARE_MESSAGES[SHARE_STATUS.OTHER] }, data: null };
}

/** The operations of the interface; a client is granted a subset of them. */
export const SHARE_OPERATIONS = [
  'queryCertInfo',
  'queryCertInfoByHolderCode',
  'queryCertInfoByQRcode',
  'verifyCertInfo',
  'verifyFile',
  'downloadUrl',
  'getCertRemarkInfo',
] as const;

export type ShareOperation = (typeof SHARE_OPERATIONS)[number];
