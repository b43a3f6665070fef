import { Injectable } from '@nestjs/common';
import { Clock } from '../../../approvals/clock';
import { ChiefAuthorisationRepository } from '../../chief-authorisation.repository';
import { ChiefAuthorisationListView, ChiefAuthorisationView } from '../../dto/chief-authorisation.dto';

@Injectable()
export class ChiefAuthorisationQueries {
  constructor(
    private readonly authorisations: ChiefAuthorisationRepository,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<ChiefAuthorisationListView> {
    const now = this.clock.now();
    return { items: (await this.authorisations.list()).map((a) => ChiefAuthorisationView.of(a, now)) };
  }
}
