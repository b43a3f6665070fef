import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { Clock } from '../../../approvals/clock';
import { ChiefAuthorisationRepository } from '../../chief-authorisation.repository';
import { managedDept } from '../../department-authority';
import { ChiefAuthorisationListView, ChiefAuthorisationView } from '../../dto/chief-authorisation.dto';

@Injectable()
export class ChiefAuthorisationQueries {
  constructor(
    private readonly authorisations: ChiefAuthorisationRepository,
    private readonly clock: Clock,
  ) {}

  /** Every authorisation for an admin; a department head's own department's only. */
  async list(user: Principal): Promise<ChiefAuthorisationListView> {
    const now = this.clock.now();
    const rows = await this.authorisations.list(managedDept(user) ?? undefined);
    return { items: rows.map((a) => ChiefAuthorisationView.of(a, now)) };
  }
}
