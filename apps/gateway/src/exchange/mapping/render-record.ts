import type { CaseFacts } from './case-facts';
import { HcpConstants, hcpAreaOf, NO_HCP_CONSTANTS, statusUrlOf } from './hcp-constants';
import {
  DONE_RESULT_NAMES,
  evaluateUserPropOf,
  ExchangeKind,
  exchangeDateEnd,
  exchangeTime,
  PRO_STATUS_DONE,
  PROCESS_EVENT,
  promiseTimeOf,
  provincialSpecialTypeOf,
  serviceNameOf,
  SPECIAL_TYPE_SUSPENDED_NAME,
} from './exchange-codes';

/** What a record carries besides its event and the case facts. */
export interface RenderContext {
  rowGuid: string;
  /** cd_batch: the record's id (one row per push). */
  batch: string;
  operation: string;
  /** cd_time: when the record was created (the same on every attempt). */
  createdAt: Date;
  /** 3-digit 数据来源 (EXCHANGE_DATA_SOURCE). */
  dataSource: string;
  /** The 好差评 服务次数 the province answered for the case's projectService (evaluate only). */
  serviceNumber?: string | null;
  /** 好差评 constants (projectService, evaluate). */
  hcp?: HcpConstants;
}

type Row = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** 12-digit 行政区划 from a department's 统一社会信用代码 (characters 3–8 are its registration region). */
export const areaCodeOf = (uscc: string | undefined): string | null =>
  uscc && /^[0-9A-Z]{2}\d{6}/.test(uscc) ? `${uscc.slice(2, 8)}000000` : null;

/** The fields §3.1 adds to every exchange-table row. */
const tableFields = (c: RenderContext): Row => ({
  row_guid: c.rowGuid,
  cd_batch: c.batch,
  cd_operation: c.operation,
  cd_time: exchangeTime(c.createdAt),
  data_source: c.dataSource,
});

function acceptRow(s: Row, f: CaseFacts): Row {
  const a = s.applicant as { userProp: string; name: string; certType: string; certMasked: string };
  return {
    project_no: s.caseNo,
    project_name: `${a.name}申请${String(s.itemName)}`.slice(0, 200),
    task_code: s.itemCode,
    catalog_code: null,
    task_handle_item: null,
    local_task_code: s.itemCode,
    local_catalog_code: null,
    task_name: s.itemName,
    task_version: null,
    apply_type: f.submitChannel ?? null,
    project_type: s.projectType,
    applyer_type: a.userProp,
    applyer_name: a.name,
    applyer_page_type: a.certType,
    // The province expects the full 证件号码; events carry a natural person's only masked, and we never unmask.
    applyer_page_code: a.certMasked,
    contact_name: null,
    contact_type: null,
    contact_code: null,
    contact_mobile: null,
    legal: null,
    address: null,
    zip_code: null,
    apply_date: exchangeTime(f.applyDate),
    accept_date: exchangeTime(str(s.acceptedAt)),
    accept_doc_no: s.acceptDocNo,
    promise_date: exchangeDateEnd(str(s.promiseDate)),
    org_code: s.deptCode,
    org_name: s.deptName,
    handle_user_name: s.acceptedBy,
  };
}

function processEventOf(s: Row): string {
  switch (s.node) {
    case 'ACCEPT':
      return PROCESS_EVENT.ACCEPT;
    case 'SUPPLEMENT_REQUESTED':
    case 'SUPPLEMENTED':
      return PROCESS_EVENT.SUPPLEMENT;
    case 'RETURN':
      return PROCESS_EVENT.RETURN;
    default:
      return s.result === '0' ? PROCESS_EVENT.DISAGREE : PROCESS_EVENT.AGREE;
  }
}

const processRow = (s: Row, caseNo: string): Row => ({
  project_no: caseNo,
  process_name: s.name,
  event_name: processEventOf(s),
  event_start_time: exchangeTime(str(s.startAt)),
  event_end_time: exchangeTime(str(s.endAt)),
  handle_user_name: s.handler ?? null,
  handle_explain: s.explain ?? null,
});

function specialRow(s: Row, f: CaseFacts): Row {
  const ended = typeof s.resumedAt === 'string';
  const ours = String(s.type);
  const type = provincialSpecialTypeOf(ours);
  // A local type (7 检验检测, 8 专家评审) goes as 5 挂起; its own code and name stay in the explanation.
  const local = type === ours ? '' : `本地特别程序 ${ours} ${String(s.typeName)}; `;
  return {
    project_no: s.caseNo,
    special_type: type,
    special_name: type === ours ? s.typeName : SPECIAL_TYPE_SUSPENDED_NAME,
    special_reason: s.reason,
    // The resume (UPDATE) row repeats the start, remembered from the suspend event.
    special_time: exchangeTime(str(s.suspendedAt)),
    end_time: ended ? exchangeTime(str(s.resumedAt)) : null,
    special_explain: ended
      ? `${local}特别程序结束, 计时暂停 ${String(s.pausedWorkingDays)} 个工作日`
      : `${local}预计 ${String(s.expectedEndDate)} 结束`,
    result: ended ? s.procedureResult : null,
    handle_user: ended ? s.resumedBy : s.suspendedBy,
    applyer_user_name: f.applicant?.name ?? null,
  };
}

/** varchar(200) of material_attach_name (JluKobe/MyRepo:TableConstruct/up_pro_material.sql). */
const ATTACH_NAME_MAX = 200;

/** The file names of a material joined by '; ', cut to the column's length (in characters). */
function attachNamesOf(v: unknown): string | null {
  const names = Array.isArray(v) ? v.filter((n): n is string => typeof n === 'string' && n !== '') : [];
  return names.length > 0 ? Array.from(names.join('; ')).slice(0, ATTACH_NAME_MAX).join('') : null;
}

/**
 * A 材料目录 row: a material filed with the application (accepted event: its file count and names; records
 * queued by a 补正 before this version carried codes only: one, no file name).
 */
const materialRow = (s: Row, caseNo: string): Row => ({
  project_no: caseNo,
  material_name: s.name,
  // 收取方式: the code list is not in the reference; events do not say how a material was received.
  get_type: null,
  get_num: typeof s.count === 'number' ? s.count : 1,
  material_attach_name: attachNamesOf(s.attachNames),
});

function resultRow(s: Row, f: CaseFacts): Row {
  const licenceId = str(s.licenceId);
  return {
    project_no: s.caseNo,
    result_type: s.doneResult,
    result_date: exchangeTime(str(s.completedAt)),
    result_explain: DONE_RESULT_NAMES[String(s.doneResult)] ?? null,
    result_cetr_name: licenceId ? (f.licenceTypeName ?? null) : null,
    result_cetr_no: licenceId,
    is_delivery_results: null,
    satisfaction: null,
    handle_user_name: f.lastHandler ?? null,
  };
}

function projectService(s: Row, f: CaseFacts, c: RenderContext): Row {
  const a = s.applicant as { userProp: string; name: string; certType: string; certMasked: string };
  const completedAt = str(s.completedAt);
  const hcp = c.hcp ?? NO_HCP_CONSTANTS;
  return {
    taskCode: s.itemCode,
    // 业务办理项编码, 事项主题 and the 事项 ROWGUID: no event carries them.
    taskHandleItem: null,
    taskName: s.itemName,
    subMatter: null,
    taskguid: null,
    taskType: f.taskType ?? null,
    projectNo: s.caseNo,
    proStatus: PRO_STATUS_DONE,
    orgcode: s.deptCode,
    orgName: s.deptName,
    acceptDate: exchangeTime(f.acceptDate),
    applydate: exchangeTime(f.applyDate),
    resultDate: exchangeTime(completedAt),
    userProp: a.userProp,
    userName: a.name,
    userPageType: a.certType,
    // Full 证件号码 expected; the masked value is sent (never unmasked).
    certKey: a.certMasked,
    handleUserName: null,
    handleUserPageType: null,
    handleUserPageCode: null,
    serviceName: serviceNameOf(String(s.doneResult)),
    isService: '1',
    serviceTime: exchangeTime(completedAt),
    serviceDate: exchangeTime(completedAt)?.slice(0, 10) ?? null,
    projectType: s.projectType,
    dataSource: c.dataSource,
    areaCode: hcpAreaOf(hcp, areaCodeOf(str(s.deptCode) ?? undefined)).areaCode,
    statusUrl: statusUrlOf(hcp, String(s.caseNo)),
    // 联系电话: no event carries a phone number (and none should travel for this).
    telPhone: null,
    source: hcp.source,
    sourceTJ: hcp.sourceTJ,
  };
}

function evaluate(s: Row, f: CaseFacts, c: RenderContext): Row {
  const deptCode = str(s.deptCode) ?? undefined;
  return {
    projectNo: s.caseNo,
    serviceNumber: c.serviceNumber ?? null,
    ...hcpAreaOf(c.hcp ?? NO_HCP_CONSTANTS, areaCodeOf(deptCode)),
    deptCode: s.deptCode,
    proDepartCode: s.deptCode,
    proDepart: f.deptName ?? null,
    // 经办人: who handled the case last (the deciding step, or 受理 for a case decided at the window).
    proManager: f.lastHandler ?? null,
    taskCode: s.itemCode,
    // 业务办理项编码 and 事项主题: no event carries them (the 受理 row's task_handle_item is null too).
    taskHandleItem: null,
    taskName: f.itemName ?? null,
    subMatter: null,
    proStatus: PRO_STATUS_DONE,
    pf: s.pf,
    userProp: evaluateUserPropOf(f.applicant?.userProp),
    userName: f.applicant?.name ?? null,
    // 个人身份证号 / 法人统一社会信用代码 expected in full: a person's is sent masked.
    certkeyGOV: f.applicant?.certMasked ?? null,
    satisfaction: String(s.satisfaction),
    // 测评内容代码 and 文字评价 are not in evaluation.review.submitted.v1.
    evalDetail: null,
    writingEvaluation: null,
    assessTime: exchangeTime(str(s.assessTime)),
    assessNumber: String(s.assessNumber),
    // 审核状态: the reference names no codes and the evaluation service publishes a review unaudited.
    appStatus: null,
    promiseTime: promiseTimeOf(f.projectType),
    acceptDate: exchangeTime(f.acceptDate),
    dataSource: c.dataSource,
  };
}

/**
 * The record as the province receives it, in the field names and codes of reference/gov-standards.md:
 * a table row (§3.1, with row_guid, cd_batch, cd_operation, cd_time, data_source) or a 好差评 item (§2.4).
 */
export function renderRecord(
  kind: ExchangeKind,
  caseNo: string,
  source: Row,
  facts: CaseFacts,
  c: RenderContext,
): Row {
  switch (kind) {
    case 'up_pro_accept':
      return { ...tableFields(c), ...acceptRow(source, facts) };
    case 'up_pro_process':
      return { ...tableFields(c), ...processRow(source, caseNo) };
    case 'up_pro_special_procedure':
      return { ...tableFields(c), ...specialRow(source, facts) };
    case 'up_pro_material':
      return { ...tableFields(c), ...materialRow(source, caseNo) };
    case 'up_pro_result':
      return { ...tableFields(c), ...resultRow(source, facts) };
    case 'projectService':
      return projectService(source, facts, c);
    case 'evaluate':
      return evaluate(source, facts, c);
  }
}
