import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { Clock } from '../../../approvals/clock';
import { ChiefAuthorisationRepository } from '../../chief-authorisation.repository';
import { assertManages } from '../../department-authority';
import { ChiefAuthorisationView } from '../../dto/chief-authorisation.dto';

/**
 * An admin, or the head of the authorisation's department (403 FORBIDDEN for another department),
 * revokes it: from now on no chief decision can be taken under it. The record keeps who revoked it.
 */
@Injectable()
export class RevokeChiefAuthorisationUseCase {
  constructor(
    private readonly authorisations: ChiefAuthorisationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(user: Principal, id: string): Promise<ChiefAuthorisationView> {
    const now = this.clock.now();
    const a = await this.authorisations.transaction(async (em) => {
      const found = await this.authorisations.findForUpdate(em, id);
      if (!found) throw new DomainError('AUTHORISATION_NOT_FOUND', undefined, { id });
      assertManages(user, found.deptCode, 'deptCode');
      if (found.revokedAt) {
        throw new DomainError('INVALID_STATE', '授权已撤销 / The authorisation is already revoked', {
          status: 'REVOKED',
        });
      }
      found.revokedAt = now;
      found.revokedBy = user.sub;
      await this.authorisations.save(em, found);
      return found;
    });
    return ChiefAuthorisationView.of(a, now);
  }
}
