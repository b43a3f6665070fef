import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { ScopePolicy } from '../../../common/scope.policy';
import { EscalationView, ListEscalationsQueryDto } from '../../dto/escalation.dto';
import { EscalationRepository } from '../../escalation.repository';
import { EscalationsPolicy } from '../../escalations.policy';

/** The read side of 督办 items: pages (newest first) and one item with its audit trail. */
@Injectable()
export class EscalationQueries {
  constructor(
    private readonly escalations: EscalationRepository,
    private readonly scope: ScopePolicy,
    private readonly policy: EscalationsPolicy,
  ) {}

  async page(user: Principal, q: ListEscalationsQueryDto): Promise<Page<EscalationView>> {
    const dept = this.scope.deptFilter(user, q.deptCode);
    const page = await this.escalations.page({ dept, status: q.status }, q);
    return { ...page, items: page.items.map((x) => EscalationView.of(x)) };
  }

  async get(user: Principal, id: string): Promise<EscalationView> {
    const x = this.policy.visible(user, await this.escalations.find(id), id);
    return EscalationView.of(x, await this.escalations.auditOf(id));
  }
}
