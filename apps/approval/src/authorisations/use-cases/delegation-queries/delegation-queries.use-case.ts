import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { Clock } from '../../../approvals/clock';
import { DelegationRepository } from '../../delegation.repository';
import { managedDept } from '../../department-authority';
import { DelegationListView, DelegationView } from '../../dto/delegation.dto';

@Injectable()
export class DelegationQueries {
  constructor(
    private readonly delegations: DelegationRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Every delegation for an admin; for a department head those their department granted (fromDept) or
   * received (toDept): a 行政审批局 sees what it decides for others.
   */
  async list(user: Principal): Promise<DelegationListView> {
    const now = this.clock.now();
    const rows = await this.delegations.list(managedDept(user) ?? undefined);
    return { items: rows.map((d) => DelegationView.of(d, now)) };
  }
}
