import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { Clock } from '../../../approvals/clock';
import { DelegationRepository } from '../../delegation.repository';
import { assertManages } from '../../department-authority';
import { DelegationView } from '../../dto/delegation.dto';

/**
 * An admin, or the head of the delegating department (fromDept; 403 FORBIDDEN otherwise, the delegate
 * department's head included), revokes a delegation: from now on the delegate neither sees nor decides
 * the cases. The record keeps who revoked it.
 */
@Injectable()
export class RevokeDelegationUseCase {
  constructor(
    private readonly delegations: DelegationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(user: Principal, id: string): Promise<DelegationView> {
    const now = this.clock.now();
    const d = await this.delegations.transaction(async (em) => {
      const found = await this.delegations.findForUpdate(em, id);
      if (!found) throw new DomainError('AUTHORISATION_NOT_FOUND', undefined, { id });
      assertManages(user, found.fromDept, 'fromDept');
      if (found.revokedAt) {
        throw new DomainError('INVALID_STATE', '委托已撤销 / The delegation is already revoked', {
          status: 'REVOKED',
        });
      }
      found.revokedAt = now;
      found.revokedBy = user.sub;
      await this.delegations.save(em, found);
      return found;
    });
    return DelegationView.of(d, now);
  }
}
