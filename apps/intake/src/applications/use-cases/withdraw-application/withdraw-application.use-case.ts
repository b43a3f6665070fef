import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { WorkCalendar } from '@app/shared/calendar';
import { OutboxRelay } from '@app/shared/kafka';
import { ApplicationsPolicy } from '../../applications.policy';
import { pausedWorkingDays } from '../../case-clock';
import { CaseEvents } from '../../case-events';
import { nextStatus } from '../../case-state';
import { CaseView } from '../../dto/case.response.dto';
import { CaseEntity } from '../../entities/case.entity';
import { CaseLifeRepository } from '../../repositories/case-life.repository';
import { CaseRepository } from '../../repositories/case.repository';

export interface WithdrawApplicationCommand {
  user: Principal;
  caseNo: string;
  reason?: string;
}

/** 办结结果 2 作废办结 (docs/standards.md#办结结果-doneresult). */
export const DONE_WITHDRAWN = '2';

/**
 * 撤回 by the applicant before a decision (also during 补正, a pending refusal proposal or approval): the
 * case is done as 作废办结 (2), a running pause ends; intake.application.withdrawn (approval stops its
 * case on it) and intake.case.completed are published with it.
 */
@Injectable()
export class WithdrawApplicationUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly life: CaseLifeRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly calendar: WorkCalendar,
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
    if (c.pausedAt) {
      const paused = pausedWorkingDays(this.calendar, c.pausedAt, now);
      await this.life.endPause(em, c.caseNo, now, paused);
      c.pausedDays += paused;
      c.pausedAt = null;
      c.supplementDueAt = null;
    }
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
