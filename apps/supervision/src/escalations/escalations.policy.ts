import { Injectable } from '@nestjs/common';
import { Principal, ROLES } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { ScopePolicy } from '../common/scope.policy';
import { EscalationEntity } from './entities/escalation.entity';

/**
 * 督办 items: a supervisor reads all of them; the head of the item's department reads and answers it
 * (acknowledge, resolve). An item the caller may not see is answered like an unknown one (404 NOT_FOUND).
 */
@Injectable()
export class EscalationsPolicy {
  constructor(private readonly scope: ScopePolicy) {}

  visible(user: Principal, x: EscalationEntity | null, id: string): EscalationEntity {
    if (!x || !this.scope.canRead(user, x.deptCode)) {
      throw new DomainError('NOT_FOUND', undefined, { escalationId: id });
    }
    return x;
  }

  /** The item when the caller is the head of its department (else 404 as above, or 403 for a supervisor). */
  answerable(user: Principal, x: EscalationEntity | null, id: string): EscalationEntity {
    const item = this.visible(user, x, id);
    if (!user.roles.includes(ROLES.DEPT_HEAD) || user.dept !== item.deptCode) {
      throw new DomainError(
        'FORBIDDEN',
        '只有责任部门负责人可以处理督办 / Only the department head answers a 督办 item',
        {
          escalationId: id,
        },
      );
    }
    return item;
  }
}
