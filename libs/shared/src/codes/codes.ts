/**
 * Code lists of the national and provincial interfaces the platform relies on (docs/standards.md).
 * Producers, consumers and HTTP DTOs all take their allowed values from here.
 */

/** 申请人类型 userProp / 服务对象 server_type: 1 自然人, 2 企业法人, 3 事业法人, 4 社会组织法人, 5 非法人企业, 6 行政机关, 9 其他组织. */
export const USER_PROP_CODES = ['1', '2', '3', '4', '5', '6', '9'] as const;

/** 持证主体代码类型 / 证件类型 codes (GB/T 36903, GA/T 2000.156). */
export const CERT_TYPE_CODES = [
  '001',
  '099',
  '111',
  '114',
  '115',
  '118',
  '119',
  '120',
  '122',
  '411',
  '412',
  '413',
  '414',
  '511',
  '516',
  '999',
] as const;

/** 办件类型 project_type: 1 即办件, 2 承诺件. */
export const PROJECT_TYPES = { IMMEDIATE: '1', PROMISE: '2' } as const;

/** 申报方式 submit: 0 窗口, 1 网上, 2 信函, 3 电报, 4 电传, 5 传真, 6 邮件, 7 电子数据交换, 8 其他. */
export const SUBMIT_CHANNEL_CODES = ['0', '1', '2', '3', '4', '5', '6', '7', '8'] as const;

/** 办结结果 doneresult: 0 出证办结, 1 不予许可, 2 作废办结, 3 删除办结, 4 转报办结, 5 退件, 6 不予受理. */
export const DONE_RESULT_CODES = ['0', '1', '2', '3', '4', '5', '6'] as const;

/** 审批环节 SPHJDM: 1 承办, 2 审核, 3 批准. */
export const STEP_CODES = ['1', '2', '3'] as const;

/** 好差评 satisfaction 1 非常不满意 … 5 非常满意; channel pf 1 pc端 … 6 短信, 7 系统默认评价. */
export const REVIEW_CHANNEL_CODES = ['1', '2', '3', '4', '5', '6', '7'] as const;
