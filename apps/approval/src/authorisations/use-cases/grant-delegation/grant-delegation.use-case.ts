import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { isValidUscc } from '@app/shared/identifiers';
import { Clock } from '../../../approvals/clock';
import { DelegationRepository } from '../../delegation.repository';
import { assertManages } from '../../department-authority';
import { DelegationView } from '../../dto/delegation.dto';

export interface GrantDelegationCommand {
  fromDept: string;
  toDept: string;
  itemCodes: string[];
  validFrom: string;
  validTo: string;
}

/**
 * A department delegates its items to another (e.g. a 行政审批局) for a period: its head (dept_head,
 * fromDept must be their own department; 403 FORBIDDEN otherwise) or an admin grants it. 400
 * VALIDATION_FAILED (nothing written) unless both departments are valid USCCs and differ, the items are
 * not empty and validTo is after validFrom.
 */
@Injectable()
export class GrantDelegationUseCase {
  constructor(
    private readonly delegations: DelegationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(user: Principal, cmd: GrantDelegationCommand): Promise<DelegationView> {
    assertManages(user, cmd.fromDept, 'fromDept');
    const itemCodes = [...new Set(cmd.itemCodes ?? [])];
    const validFrom = new Date(cmd.validFrom);
    const validTo = new Date(cmd.validTo);
    const problems: Array<{ field: string; problems: string[] }> = [];
    if (!isValidUscc(cmd.fromDept)) problems.push({ field: 'fromDept', problems: ['must be a valid USCC'] });
    if (!isValidUscc(cmd.toDept)) problems.push({ field: 'toDept', problems: ['must be a valid USCC'] });
    if (cmd.fromDept === cmd.toDept) {
      problems.push({ field: 'toDept', problems: ['must differ from fromDept'] });
    }
    if (itemCodes.length === 0) {
      problems.push({ field: 'itemCodes', problems: ['must name at least one item'] });
    }
    if (!(validTo.getTime() > validFrom.getTime())) {
      problems.push({ field: 'validTo', problems: ['must be later than validFrom'] });
    }
    if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', undefined, problems);
    const now = this.clock.now();
    const d = await this.delegations.transaction((em) =>
      this.delegations.insert(em, {
        fromDept: cmd.fromDept,
        toDept: cmd.toDept,
        itemCodes,
        validFrom,
        validTo,
        grantedBy: user.sub,
        grantedAt: now,
        revokedAt: null,
        revokedBy: null,
      }),
    );
    return DelegationView.of(d, now);
  }
}
