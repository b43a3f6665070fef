import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { OutboxRelay } from '@app/shared/kafka';
import { ApplicationsPolicy } from '../../applications.policy';
import { CaseEvents } from '../../case-events';
import { nextStatus } from '../../case-state';
import { CaseView } from '../../dto/case.response.dto';
import { CaseEntity } from '../../entities/case.entity';
import { CaseLifeRepository } from '../../repositories/case-life.repository';
import { CaseRepository } from '../../repositories/case.repository';
import { PauseCloser } from '../../pause-closer';

export interface WithdrawApplicationCommand {
  user: Principal;
  caseNo: string;
  reason?: string;
}

/** 办结结果 2 作废办结 (docs/standards.md#办结结果-doneresult). */
export const DONE_WITHDRAWN = '2';

/**
 * 撤回 by the applicant before a decision (also during 补正, a pending refusal proposal or approval): the
 * case is done as 作废办结 (2), a running pause (补正 or 特别程序) ends with intake.case.clock-resumed
 * (caseDoneResult 2); intake.application.withdrawn (approval stops its case on it) and
 * intake.case.completed are published with it.
 */
@Injectable()
export class WithdrawApplicationUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly life: CaseLifeRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly pauses: PauseCloser,
    private readonly events: CaseEvents,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(cmd: WithdrawApplicationCommand, em?: EntityManager): Promise<CaseView> {
    const view = await this.cases.inTransaction(em, async (tx) => {
      const c = await this.withdraw(tx, cmd);
      return CaseView.from(c, await this.life.read(c.caseNo, tx));
    });
    if (!em) this.relay.poke();
    return view;
  }

  private async withdraw(em: EntityManager, cmd: WithdrawApplicationCommand): Promise<CaseEntity> {
    const c = await this.cases.lockCase(em, cmd.caseNo);
    this.policy.assertIsOwner(cmd.user, c);
    const previous = c.status;
    const status = nextStatus(c.status, 'withdraw');
    const now = new Date();
    // A running pause (补正, 特别程序) ends with the case: intake.case.clock-resumed with caseDoneResult 2.
    await this.pauses.closeWithCase(em, c, now, DONE_WITHDRAWN);
    c.status = status;
    c.doneResult = DONE_WITHDRAWN;
    c.doneAt = now;
    await this.cases.save(em, c);
    const reason = cmd.reason ?? null;
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'WITHDRAWN',
      occurredAt: now,
      actor: c.applicantName,
      detail: { previousStatus: previous, reason },
    });
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'DONE',
      occurredAt: now,
      detail: { doneResult: DONE_WITHDRAWN },
    });
    await this.events.withdrawn(em, c, previous, reason);
    await this.events.completed(em, c);
    return c;
  }
}
