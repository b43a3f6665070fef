/**
 * Stable error codes of the public API. A code never changes meaning; clients switch on it.
 * Messages are bilingual (中文 / English) because people read them at windows and in apps.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, message: '请求参数校验失败 / Request validation failed' },
  MALFORMED_JSON: { status: 400, message: '请求体不是合法的 JSON / Request body is not valid JSON' },
  MALFORMED_REQUEST: { status: 400, message: '请求格式错误 / Malformed HTTP request' },
  HEADERS_TOO_LARGE: { status: 431, message: '请求头过大 / Request headers too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型 / Unsupported content type' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求体过大 / Request body too large' },
  INVALID_ID_NUMBER: { status: 400, message: '证件号码无效 / Invalid identification number' },
  UNAUTHENTICATED: { status: 401, message: '未认证或令牌无效 / Missing or invalid access token' },
  FORBIDDEN: { status: 403, message: '无权执行此操作 / Not allowed to perform this action' },
  NOT_FOUND: { status: 404, message: '资源不存在 / Resource not found' },
  ITEM_NOT_FOUND: { status: 404, message: '事项不存在或未发布 / Service item not found' },
  CASE_NOT_FOUND: { status: 404, message: '办件不存在 / Case not found' },
  APPROVAL_NOT_FOUND: { status: 404, message: '审批案件不存在 / Approval case not found' },
  LICENCE_NOT_FOUND: { status: 404, message: '电子证照不存在 / Licence not found' },
  INVALID_STATE: {
    status: 409,
    message: '当前状态不允许此操作 / Operation not allowed in the current state',
  },
  STEP_MISMATCH: {
    status: 409,
    message: '所办理环节不是案件当前环节 / The decided step is not the current step of the case',
  },
  SEPARATION_OF_DUTIES: {
    status: 403,
    message: '同一人不得办理同一案件的两个环节 / The same person may not decide two steps of one case',
  },
  CHIEF_NOT_AUTHORISED: {
    status: 403,
    message:
      '无有效的首席代表授权 (已过期、已撤销或不在授权范围内) / No chief representative authorisation is valid now for this case',
  },
  AUTHORISATION_NOT_FOUND: { status: 404, message: '授权不存在 / Authorisation not found' },
  CASE_SUSPENDED: {
    status: 409,
    message: '案件处于特别程序中 (计时暂停), 不能办理 / The case is suspended by a special procedure',
  },
  RETURN_NOT_ALLOWED: {
    status: 409,
    message: '第一个环节不能退回 / The first step cannot be returned',
  },
  SPECIAL_PROCEDURE_NOT_FOUND: { status: 404, message: '特别程序不存在 / Special procedure not found' },
  SPECIAL_PROCEDURE_TOO_LONG: {
    status: 422,
    message:
      '特别程序预计结束日期超出该类型的最长期限 / Expected end date exceeds the maximum duration of this type',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    message: '该幂等键已用于内容不同的请求 / This Idempotency-Key was already used for a different request',
  },
  MATERIALS_INCOMPLETE: { status: 422, message: '申请材料不齐全 / Required materials are missing' },
  SUPPLEMENT_NOTICE_NOT_FOUND: { status: 404, message: '补正告知书不存在 / Supplement notice not found' },
  UNKNOWN_MATERIAL: {
    status: 422,
    message: '材料不属于该办件的事项 / The material is not one of the case’s item',
  },
  SUPPLEMENT_LIMIT_REACHED: {
    status: 409,
    message: '补正告知次数已达事项上限 / The item’s limit of supplement notices is reached',
  },
  SUPPLEMENT_MATERIAL_NOT_REOPENABLE: {
    status: 422,
    message:
      '再次补正只能针对上次补正提交的材料 / A further notice may only name materials the last supplement brought',
  },
  SUPPLEMENT_INCOMPLETE: {
    status: 422,
    message: '须一次提交告知书所列全部材料 / Every material the notice names must be supplied at once',
  },
  SUPPLEMENT_DEADLINE_PASSED: {
    status: 409,
    message: '补正期限已过 / The deadline to supply the materials has passed',
  },
  OWED_MATERIALS_OUTSTANDING: {
    status: 409,
    message:
      '容缺材料尚未补齐, 不能作出审批决定 / Owed (deferred) materials are still outstanding: no decision can be taken',
  },
  MATERIAL_NOT_DEFERRABLE: {
    status: 422,
    message: '该材料不允许容缺 (核心材料或事项未设容缺) / This material may not be owed (容缺)',
  },
  COMMITMENT_NOT_ALLOWED: {
    status: 422,
    message: '该材料或事项不适用告知承诺制 / A signed commitment may not replace this material',
  },
  POST_CHECK_NOT_FOUND: { status: 404, message: '事后核查任务不存在 / Post-check task not found' },
  APPLICANT_TYPE_NOT_SERVED: {
    status: 422,
    message: '该事项不面向此类申请人 / Item does not serve this applicant type',
  },
  CASE_NOT_RATABLE: {
    status: 409,
    message: '办件尚未办结，不能评价 / Case is not completed and cannot be rated yet',
  },
  ALREADY_RATED: {
    status: 409,
    message: '该办件此环节已评价 / This case has already been rated for this stage',
  },
  COMMENT_REQUIRED: { status: 422, message: '差评须填写文字评价 / A comment is required for grades 1 and 2' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试 / Too many requests, retry later' },
  UPSTREAM_UNAVAILABLE: { status: 503, message: '后端服务暂不可用 / Upstream service unavailable' },
  CALENDAR_NOT_COVERED: {
    status: 503,
    message: '工作日历未覆盖该年份 / Working-day calendar does not cover this year',
  },
  INTERNAL_ERROR: { status: 500, message: '系统内部错误 / Internal error' },
  WORK_ORDER_NOT_FOUND: { status: 404, message: '差评整改工单不存在 / Bad-review work order not found' },
  WORK_ORDER_STATE: {
    status: 409,
    message: '工单当前状态不允许此操作 / The work order’s current state does not allow this action',
  },
  APPEAL_ALREADY_DECIDED: {
    status: 409,
    message:
      '该差评已申诉复核, 不能再次申诉 / The rating was already appealed and the appeal decided: no second appeal',
  },
  RATER_NOT_CONTACTED: {
    status: 422,
    message:
      '未联系上评价人, 工单不能回访办结 / The rater was not reached: the order cannot be closed by a follow-up',
  },
  WEBHOOK_TARGET_INVALID: {
    status: 400,
    message: '回调地址无效 (须为不含用户名密码的绝对 URL) / Invalid target URL (absolute, no credentials)',
  },
  WEBHOOK_TARGET_NOT_HTTPS: {
    status: 400,
    message: '回调地址必须使用 HTTPS / The target URL must use https',
  },
  WEBHOOK_TARGET_FORBIDDEN: {
    status: 400,
    message:
      '回调地址指向内网、本机、链路本地或元数据地址, 不允许 / The target resolves to a private, loopback, link-local or metadata address',
  },
  WEBHOOK_TARGET_UNRESOLVABLE: {
    status: 400,
    message: '回调地址的域名无法解析 / The target host name does not resolve',
  },
  WEBHOOK_SUBSCRIPTION_NOT_FOUND: { status: 404, message: '订阅不存在 / Webhook subscription not found' },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: 404, message: '推送记录不存在 / Webhook delivery not found' },
  WEBHOOK_DELIVERY_NOT_REPLAYABLE: {
    status: 409,
    message:
      '仅已送达或已转入死信的推送可以重放 / Only delivered or dead-lettered deliveries can be replayed',
  },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  correlationId?: string;
}

/** A domain error: carries a stable code, never an HTTP class. Transports map it (HTTP filter, Kafka DLQ). */
export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERROR_CODES[code].message);
    this.name = 'DomainError';
    this.status = ERROR_CODES[code].status;
  }
}
