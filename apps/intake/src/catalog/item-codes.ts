/** Code lists of the 事项 elements the catalog accepts (gov-standards §3.5, docs/standards.md). */

/** 事项类型 task_type: 01 行政许可 … 10 其他行政权力, 20 公共服务. */
export const TASK_TYPE_CODES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20'] as const;

/** 网上办理深度: 1 一级 (信息发布), 2 二级 (在线咨询、表格下载), 3 三级 (网上预审/申报), 4 四级 (全程网办). */
export const ONLINE_DEPTH_CODES = ['1', '2', '3', '4'] as const;
export const ONLINE_DEPTH_FULL = '4';

/** 时限单位: 1 工作日, 2 自然日, 3 小时, 4 分钟, 5 月. */
export const TIME_UNIT_CODES = ['1', '2', '3', '4', '5'] as const;

/** 办件类型 project_type: 1 即办件, 2 承诺件. */
export const PROJECT_TYPE_CODES = ['1', '2'] as const;

/** 材料形式. */
export const MATERIAL_FORMATS = ['纸质', '电子', '纸质+电子'] as const;
