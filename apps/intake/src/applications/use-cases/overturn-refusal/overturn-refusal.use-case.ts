import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { OutboxRelay } from '@app/shared/kafka';
import { ApplicationsPolicy } from '../../applications.policy';
import { nextStatus } from '../../case-state';
import { CaseView } from '../../dto/case.response.dto';
import { CaseEntity } from '../../entities/case.entity';
import { CaseRepository } from '../../repositories/case.repository';
import { AcceptApplicationUseCase } from '../accept-application/accept-application.use-case';

export interface OverturnRefusalCommand {
  user: Principal;
  caseNo: string;
  opinion: string;
}

/**
 * The chief (首席代表) of the case's department overturns a clerk's refusal proposal, with an opinion: the
 * case is accepted as by 受理 (受理文书编号, promise date from now on the working-day calendar, accepted
 * event), the chief being the one who accepted it.
 */
@Injectable()
export class OverturnRefusalUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly accepting: AcceptApplicationUseCase,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(cmd: OverturnRefusalCommand, em?: EntityManager): Promise<CaseView> {
    const c = await this.cases.inTransaction(em, (tx) => this.overturn(tx, cmd));
    if (!em) this.relay.poke();
    return CaseView.from(c);
  }

  private async overturn(
    em: EntityManager,
    { user, caseNo, opinion }: OverturnRefusalCommand,
  ): Promise<CaseEntity> {
    const c = await this.cases.lockCase(em, caseNo);
    this.policy.assertIsChiefOf(user, c);
    const status = nextStatus(c.status, 'overturnRefusal');
    const by = user.name ?? user.sub;
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'REFUSAL_OVERTURNED',
      occurredAt: new Date(),
      actor: by,
      detail: {
        opinion,
        reason: c.refusalReason,
        legalBasis: c.refusalLegalBasis,
        proposedBy: c.refusalProposedBy,
      },
    });
    return this.accepting.acceptLocked(em, c, status, by, opinion);
  }
}
