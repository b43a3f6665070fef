import { TOPICS } from '@app/shared/contracts';
import { SHANGHAI_OFFSET_MS } from '@app/shared/time';

/**
 * What the provincial exchange sends (reference/gov-standards.md §2.4, §3.1–3.2): the national 办件
 * exchange tables (`up_pro_*`) and the two 好差评 records (`projectService`, then `evaluate`).
 */
export const CASE_TABLES = [
  'up_pro_accept',
  'up_pro_process',
  'up_pro_special_procedure',
  'up_pro_material',
  'up_pro_result',
] as const;
export type CaseTable = (typeof CASE_TABLES)[number];

/** The topics the exchange consumes. */
export const EXCHANGE_TOPICS = [
  TOPICS.APPLICATION_SUBMITTED,
  TOPICS.APPLICATION_ACCEPTED,
  TOPICS.APPLICATION_SUPPLEMENT_REQUESTED,
  TOPICS.APPLICATION_SUPPLEMENTED,
  TOPICS.APPROVAL_STEP_COMPLETED,
  TOPICS.APPROVAL_STEP_RETURNED,
  TOPICS.APPROVAL_CASE_SUSPENDED,
  TOPICS.APPROVAL_CASE_RESUMED,
  TOPICS.CASE_COMPLETED,
  TOPICS.REVIEW_SUBMITTED,
] as const;
export type ExchangeTopic = (typeof EXCHANGE_TOPICS)[number];

export const HCP_KINDS = ['projectService', 'evaluate'] as const;
export type HcpKind = (typeof HCP_KINDS)[number];

export type ExchangeKind = CaseTable | HcpKind;
export const EXCHANGE_KINDS: readonly ExchangeKind[] = [...CASE_TABLES, ...HCP_KINDS];

export const isCaseTable = (k: string): k is CaseTable => (CASE_TABLES as readonly string[]).includes(k);

/** cd_operation (同步类型) of a row: I 新增, U 更新 (厦门/national exchange convention, §3.1–3.2). */
export const CD_OPERATION = { INSERT: 'I', UPDATE: 'U' } as const;
export type CdOperation = (typeof CD_OPERATION)[keyof typeof CD_OPERATION];

/**
 * up_pro_process.event_name (业务动作, a 2-char code; the national list was not found, §3.1): the provincial
 * PROC `noderesult` (§3.2) as two digits — 00 不同意, 01 同意, 04 受理, 05 补齐补正, 07 退回.
 */
export const PROCESS_EVENT = {
  DISAGREE: '00',
  AGREE: '01',
  ACCEPT: '04',
  SUPPLEMENT: '05',
  RETURN: '07',
} as const;

/**
 * special_type as the province receives it: the 特殊环节 codes of the provincial 前置库 standard (§3.2
 * SPECIALNODE.noderesult 1 补齐补正, 2 听证, 3 公示, 4 核实, 5 挂起, 6 预审补齐补正). Our local extensions
 * 7 检验检测 and 8 专家评审 (行政许可法 Art. 45, no provincial code) are reported as 5 挂起, as the contract
 * says (approval-procedures.events.ts); the row's special_explain keeps our own code and name.
 */
export const PROVINCIAL_SPECIAL_TYPES = ['1', '2', '3', '4', '5', '6'] as const;
export const SPECIAL_TYPE_SUSPENDED = '5';
export const SPECIAL_TYPE_SUSPENDED_NAME = '挂起';

/** Our 特别程序 type → the province's (unknown codes are reported as 5 挂起 too, never as they are). */
export const provincialSpecialTypeOf = (type: string): string =>
  (PROVINCIAL_SPECIAL_TYPES as readonly string[]).includes(type) ? type : SPECIAL_TYPE_SUSPENDED;

/** 办结结果 doneresult (§3.2 DONE) and what it means, for result_explain. */
export const DONE_RESULT_NAMES: Record<string, string> = {
  '0': '出证办结',
  '1': '不予许可',
  '2': '作废办结',
  '3': '删除办结',
  '4': '转报办结',
  '5': '退件',
  '6': '不予受理',
};

/** 好差评 proStatus of a finished case (§2.4): 3 已办结 / 已完结. */
export const PRO_STATUS_DONE = '3';

/** 好差评 serviceName of the completion service (§2.4, Shandong uses 出证办结 for a licence). */
export const serviceNameOf = (doneResult: string): string => (doneResult === '0' ? '出证办结' : '办结');

/**
 * evaluate.promiseTime is 浙江's reverse of projectType (1 承诺件, 2 即办件; §2.4): map it explicitly.
 */
export const promiseTimeOf = (projectType: string | null | undefined): string | null =>
  projectType === '1' ? '2' : projectType === '2' ? '1' : null;

/** evaluate.userProp is 1 个人 / 2 法人 (§2.4), not the seven-valued 申请人类型. */
export const evaluateUserPropOf = (userProp: string | null | undefined): string | null =>
  userProp ? (userProp === '1' ? '1' : '2') : null;

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai: the time format of every table and 好差评 field. */
export function exchangeTime(at: string | Date | null | undefined): string | null {
  if (at === null || at === undefined) return null;
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(t)) return null;
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** A business date (YYYY-MM-DD) as the end of that day, in the same format (promise_date). */
export const exchangeDateEnd = (date: string | null | undefined): string | null =>
  date ? `${date} 23:59:59` : null;

/** The envelope's `time`: `yyyyMMddHHmmss` in Asia/Shanghai (§2.4, e.g. 20200628104925). */
export function envelopeTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}
