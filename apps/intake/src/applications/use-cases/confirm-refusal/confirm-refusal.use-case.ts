import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { OutboxRelay } from '@app/shared/kafka';
import { ApplicationsPolicy } from '../../applications.policy';
import { CaseEvents } from '../../case-events';
import { nextStatus } from '../../case-state';
import { CaseView } from '../../dto/case.response.dto';
import { CaseEntity } from '../../entities/case.entity';
import { CaseRepository } from '../../repositories/case.repository';

export interface ConfirmRefusalCommand {
  user: Principal;
  caseNo: string;
  opinion?: string;
}

/**
 * 不予受理, decided by the chief (首席代表) of the case's department on a clerk's proposal: the case is done
 * with result 6, with the proposal's reason; not-accepted and completed events.
 */
@Injectable()
export class ConfirmRefusalUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly events: CaseEvents,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(cmd: ConfirmRefusalCommand, em?: EntityManager): Promise<CaseView> {
    const c = await this.cases.inTransaction(em, (tx) => this.confirm(tx, cmd));
    if (!em) this.relay.poke();
    return CaseView.from(c);
  }

  private async confirm(
    em: EntityManager,
    { user, caseNo, opinion }: ConfirmRefusalCommand,
  ): Promise<CaseEntity> {
    const c = await this.cases.lockCase(em, caseNo);
    this.policy.assertIsChiefOf(user, c);
    const now = new Date();
    const by = user.name ?? user.sub;
    c.status = nextStatus(c.status, 'confirmRefusal');
    c.notAcceptedReason = c.refusalReason;
    c.doneResult = '6';
    c.doneAt = now;
    await this.cases.save(em, c);
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'NOT_ACCEPTED',
      occurredAt: now,
      actor: by,
      detail: {
        reason: c.refusalReason,
        legalBasis: c.refusalLegalBasis,
        proposedBy: c.refusalProposedBy,
        opinion: opinion ?? null,
      },
    });
    await this.events.notAccepted(em, c, by);
    await this.events.completed(em, c);
    return c;
  }
}
