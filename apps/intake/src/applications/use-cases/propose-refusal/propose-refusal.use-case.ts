import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { WorkCalendar } from '@app/shared/calendar';
import { OutboxRelay } from '@app/shared/kafka';
import { IntakeConfig } from '../../../config/intake.config';
import { ApplicationsPolicy } from '../../applications.policy';
import { onCalendar } from '../../case-clock';
import { CaseEvents } from '../../case-events';
import { nextStatus } from '../../case-state';
import { CaseView } from '../../dto/case.response.dto';
import { CaseEntity } from '../../entities/case.entity';
import { CaseRepository } from '../../repositories/case.repository';

export interface ProposeRefusalCommand {
  user: Principal;
  caseNo: string;
  reason: string;
  legalBasis: string;
}

/**
 * 拟不予受理: the window has no veto. A clerk of the case's department proposes the refusal with its
 * reason and legal basis; the case waits in REFUSAL_PROPOSED (still 待受理) until the department's chief
 * confirms or overturns it, within REFUSAL_CONFIRM_WORKDAYS working days (the end of that day, Asia/Shanghai,
 * is stored as `refusalConfirmDueAt`; past it the sweep escalates the proposal).
 */
@Injectable()
export class ProposeRefusalUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly events: CaseEvents,
    private readonly relay: OutboxRelay,
    private readonly calendar: WorkCalendar,
    private readonly config: IntakeConfig,
  ) {}

  async execute(cmd: ProposeRefusalCommand, em?: EntityManager): Promise<CaseView> {
    const c = await this.cases.inTransaction(em, (tx) => this.propose(tx, cmd));
    if (!em) this.relay.poke();
    return CaseView.from(c);
  }

  private async propose(
    em: EntityManager,
    { user, caseNo, reason, legalBasis }: ProposeRefusalCommand,
  ): Promise<CaseEntity> {
    const c = await this.cases.lockCase(em, caseNo);
    this.policy.assertCanHandle(user, c);
    const now = new Date();
    const by = user.name ?? user.sub;
    c.status = nextStatus(c.status, 'proposeRefusal');
    c.refusalReason = reason;
    c.refusalLegalBasis = legalBasis;
    c.refusalProposedBy = by;
    c.refusalProposedAt = now;
    const due = onCalendar(() => this.calendar.dueDate(now, this.config.REFUSAL_CONFIRM_WORKDAYS, '1'));
    c.refusalConfirmDueAt = due.dueAt;
    c.refusalOverdueAt = null;
    await this.cases.save(em, c);
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'REFUSAL_PROPOSED',
      occurredAt: now,
      actor: by,
      detail: { reason, legalBasis, confirmDueDate: due.dueDate },
    });
    await this.events.refusalProposed(em, c);
    return c;
  }
}
