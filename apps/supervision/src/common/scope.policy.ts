import { Injectable } from '@nestjs/common';
import { Principal, ROLES } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';

/**
 * Who reads what in supervision: a supervisor (电子监察人员) every department, a department head
 * (部门负责人) their own department only. Asking for another department is refused (403), not silently
 * narrowed, so a page never shows a number under a wrong heading.
 */
@Injectable()
export class ScopePolicy {
  isSupervisor(user: Principal): boolean {
    return user.roles.includes(ROLES.SUPERVISOR);
  }

  /** The department the caller's reads are limited to; null for a supervisor (every department). */
  scope(user: Principal): string | null {
    // '-' matches no department: a head's token without a department sees nothing.
    return this.isSupervisor(user) ? null : (user.dept ?? '-');
  }

  /** The department filter of a read: the requested one if the caller may read it (else 403 FORBIDDEN). */
  deptFilter(user: Principal, requested?: string): string | null {
    const scope = this.scope(user);
    if (scope === null) return requested ?? null;
    if (requested !== undefined && requested !== scope) {
      throw new DomainError(
        'FORBIDDEN',
        '部门负责人只能查看本部门 / A department head reads their own department only',
        {
          deptCode: requested,
        },
      );
    }
    return scope;
  }

  /** Whether the caller may read something of department `deptCode`. */
  canRead(user: Principal, deptCode: string | null): boolean {
    const scope = this.scope(user);
    return scope === null || (deptCode !== null && deptCode === scope);
  }
}
