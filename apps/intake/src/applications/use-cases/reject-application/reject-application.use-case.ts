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

export interface RejectApplicationCommand {
  user: Principal;
  caseNo: string;
  reason: string;
}

/** 不予受理 by staff of the case's department: the case is done with result 6. */
@Injectable()
export class RejectApplicationUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly events: CaseEvents,
    private readonly relay: OutboxRelay,
  ) {}

  /** In the caller's transaction when `em` is given, else in its own (then the relay is woken). */
  async execute(cmd: RejectApplicationCommand, em?: EntityManager): Promise<CaseView> {
    const c = await this.cases.inTransaction(em, (tx) => this.reject(tx, cmd));
    if (!em) this.relay.poke();
    return CaseView.from(c);
  }

  private async reject(
    em: EntityManager,
    { user, caseNo, reason }: RejectApplicationCommand,
  ): Promise<CaseEntity> {
    const c = await this.cases.lockCase(em, caseNo);
    this.policy.assertCanHandle(user, c);
    const now = new Date();
    const by = user.name ?? user.sub;
    c.status = nextStatus(c.status, 'reject');
    c.notAcceptedReason = reason;
    c.doneResult = '6';
    c.doneAt = now;
    await this.cases.save(em, c);
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'NOT_ACCEPTED',
      occurredAt: now,
      actor: by,
      detail: { reason },
    });
    await this.events.notAccepted(em, c, by);
    await this.events.completed(em, c);
    return c;
  }
}
