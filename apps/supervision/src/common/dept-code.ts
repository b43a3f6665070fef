/** 部门 统一社会信用代码 (18 characters). */
export const DEPT_CODE_RE = /^[0-9A-Z]{18}$/;
export const DEPT_CODE_DOC = {
  description: '部门 统一社会信用代码 (a department head may only give their own)',
  pattern: DEPT_CODE_RE.source,
} as const;
