import { Principal, ROLES } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';

/**
 * Who manages 首席代表 authorisations and cross-department delegations (issue 9: "a department
 * authorises", "a department delegates"): an admin for every department; a department head (dept_head)
 * for their own department only — the department named in their token. Anyone else never reaches the
 * use cases (@Roles answers 403).
 */

/** The department the caller manages; null for an admin (every department). */
export function managedDept(user: Principal): string | null {
  if (user.roles.includes(ROLES.ADMIN)) return null;
  // '-' matches no department: a head token without a department manages nothing.
  return user.roles.includes(ROLES.DEPT_HEAD) ? (user.dept ?? '-') : '-';
}

/**
 * 403 FORBIDDEN (nothing written) unless the caller manages `deptCode`: an admin, or the head of that
 * department. `field` names what the department was taken from, for the error details.
 */
export function assertManages(user: Principal, deptCode: string, field: string): void {
  const scope = managedDept(user);
  if (scope !== null && scope !== deptCode) {
    throw new DomainError(
      'FORBIDDEN',
      '部门负责人只能管理本部门的授权与委托 / A department head manages only their own department’s grants',
      { field, role: ROLES.DEPT_HEAD },
    );
  }
}
