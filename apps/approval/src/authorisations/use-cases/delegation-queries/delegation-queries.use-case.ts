import { Injectable } from '@nestjs/common';
import { Clock } from '../../../approvals/clock';
import { DelegationRepository } from '../../delegation.repository';
import { DelegationListView, DelegationView } from '../../dto/delegation.dto';

@Injectable()
export class DelegationQueries {
  constructor(
    private readonly delegations: DelegationRepository,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<DelegationListView> {
    const now = this.clock.now();
    return { items: (await this.delegations.list()).map((d) => DelegationView.of(d, now)) };
  }
}
