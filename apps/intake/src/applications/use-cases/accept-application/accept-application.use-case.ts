import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { WorkCalendar } from '@app/shared/calendar';
import { OutboxRelay } from '@app/shared/kafka';
import { CatalogService } from '../../../catalog/catalog.service';
import { ApplicationsPolicy } from '../../applications.policy';
import { assertMaterialsComplete, markAccepted, promiseDateFor } from '../../case-clock';
import { CaseEvents } from '../../case-events';
import { nextStatus } from '../../case-state';
import { CaseView } from '../../dto/case.response.dto';
import { CaseEntity } from '../../entities/case.entity';
import { CaseRepository } from '../../repositories/case.repository';

export interface AcceptApplicationCommand {
  user: Principal;
  caseNo: string;
  remark?: string;
}

/** 受理 by staff of the case's department: 受理文书编号 and 承诺办结日期 in working days. */
@Injectable()
export class AcceptApplicationUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly catalog: CatalogService,
    private readonly calendar: WorkCalendar,
    private readonly events: CaseEvents,
    private readonly relay: OutboxRelay,
  ) {}

  /** In the caller's transaction when `em` is given, else in its own (then the relay is woken). */
  async execute(cmd: AcceptApplicationCommand, em?: EntityManager): Promise<CaseView> {
    const c = await this.cases.inTransaction(em, (tx) => this.accept(tx, cmd));
    if (!em) this.relay.poke();
    return CaseView.from(c);
  }

  private async accept(
    em: EntityManager,
    { user, caseNo, remark }: AcceptApplicationCommand,
  ): Promise<CaseEntity> {
    const c = await this.cases.lockCase(em, caseNo);
    this.policy.assertCanHandle(user, c);
    return this.acceptLocked(em, c, nextStatus(c.status, 'accept'), user.name ?? user.sub, remark ?? null);
  }

  /**
   * 受理 of a case already locked and allowed (also the chief's overturn of a refusal): materials complete,
   * 受理文书编号, 承诺办结日期 from now in the item's unit (from receipt when deemed accepted, Art. 32), timeline and accepted event.
   */
  async acceptLocked(
    em: EntityManager,
    c: CaseEntity,
    status: CaseEntity['status'],
    by: string,
    remark: string | null,
  ): Promise<CaseEntity> {
    const item = await this.catalog.getOfCase(em, c.itemId);
    assertMaterialsComplete(c, item);
    const now = new Date();
    // 视为受理 (Art. 32): the promise counts from receipt, not from this late 受理.
    const promiseDate = promiseDateFor(this.calendar, item, c.deemedAcceptedAt ? c.submittedAt : now);
    c.status = status;
    markAccepted(c, by, now, promiseDate);
    await this.cases.save(em, c);
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'ACCEPTED',
      occurredAt: now,
      actor: c.acceptedBy,
      detail: {
        acceptDocNo: c.acceptDocNo,
        promiseDate: c.promiseDate,
        remark,
        ...(c.deemedAcceptedAt ? { promiseCountedFrom: c.submittedAt.toISOString() } : {}),
      },
    });
    await this.events.accepted(em, c, item);
    return c;
  }
}
