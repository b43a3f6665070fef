/** Roles of the platform. Each endpoint states which of these may call it. */
export const ROLES = {
  APPLICANT: 'applicant', // 申请人 (citizen or company agent)
  CLERK: 'clerk', // 窗口受理人员
  APPROVER: 'approver', // 审批人员
  ADMIN: 'admin', // 平台管理员
  PARTNER: 'partner', // 协同部门 / 合作方
  CHIEF: 'chief', // 首席代表 / 值班长: window supervisor who decides on a clerk's proposals
  SUPERVISOR: 'supervisor', // 电子监察人员: reads every department's lights, 督办 items and statistics
  DEPT_HEAD: 'dept_head', // 部门负责人: answers the 督办 items of their department, reads its numbers
} as const;
export type Role = (typeof ROLES)[keyof typeof ROLES];
export const ALL_ROLES: Role[] = Object.values(ROLES);
/** Roles that act for a department: their tokens must carry `dept`. */
export const DEPARTMENT_ROLES: Role[] = [ROLES.CLERK, ROLES.APPROVER, ROLES.CHIEF, ROLES.DEPT_HEAD];

export interface Principal {
  /** Subject: the user id of the caller. */
  sub: string;
  name?: string;
  roles: Role[];
  /** The caller's department code (统一社会信用代码 of the department), for staff roles. */
  dept?: string;
  /** The raw bearer token, so a gateway can forward it. */
  token: string;
}
