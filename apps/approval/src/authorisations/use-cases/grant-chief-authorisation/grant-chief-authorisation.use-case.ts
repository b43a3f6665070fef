import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { Clock } from '../../../approvals/clock';
import { ChiefAuthorisationRepository } from '../../chief-authorisation.repository';
import { assertManages } from '../../department-authority';
import { ChiefAuthorisationView } from '../../dto/chief-authorisation.dto';

export interface GrantChiefAuthorisationCommand {
  deptCode: string;
  holderSub?: string;
  itemCodes?: string[];
  taskTypes?: string[];
  validFrom: string;
  validTo: string;
}

/**
 * The department authorises its 首席代表: its head (dept_head, own department only; 403 FORBIDDEN
 * otherwise) or an admin grants the right to decide cases of the items / 事项类型 in scope. The record
 * keeps the grantor's subject.
 */
@Injectable()
export class GrantChiefAuthorisationUseCase {
  constructor(
    private readonly authorisations: ChiefAuthorisationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(user: Principal, cmd: GrantChiefAuthorisationCommand): Promise<ChiefAuthorisationView> {
    assertManages(user, cmd.deptCode, 'deptCode');
    const itemCodes = [...new Set(cmd.itemCodes ?? [])];
    const taskTypes = [...new Set(cmd.taskTypes ?? [])];
    const validFrom = new Date(cmd.validFrom);
    const validTo = new Date(cmd.validTo);
    const problems: Array<{ field: string; problems: string[] }> = [];
    if (itemCodes.length + taskTypes.length === 0) {
      problems.push({
        field: 'itemCodes',
        problems: ['itemCodes or taskTypes must name at least one scope'],
      });
    }
    if (!(validTo.getTime() > validFrom.getTime())) {
      problems.push({ field: 'validTo', problems: ['must be later than validFrom'] });
    }
    if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', undefined, problems);
    const now = this.clock.now();
    const a = await this.authorisations.transaction((em) =>
      this.authorisations.insert(em, {
        deptCode: cmd.deptCode,
        holderSub: cmd.holderSub ?? null,
        itemCodes,
        taskTypes,
        validFrom,
        validTo,
        grantedBy: user.sub,
        grantedAt: now,
        revokedAt: null,
        revokedBy: null,
      }),
    );
    return ChiefAuthorisationView.of(a, now);
  }
}
