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
    private readonly catalog: CatalogService,
    private readonly calendar: WorkCalendar,
    private readonly events: CaseEvents,
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
    const item = await this.catalog.getOfCase(em, c.itemId);
    assertMaterialsComplete(c, item);
    const now = new Date();
    const promiseDate = promiseDateFor(this.calendar, item, now);
    const by = user.name ?? user.sub;
    c.status = status;
    markAccepted(c, by, now, promiseDate);
    await this.cases.save(em, c);
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'REFUSAL_OVERTURNED',
      occurredAt: now,
      actor: by,
      detail: {
        opinion,
        reason: c.refusalReason,
        legalBasis: c.refusalLegalBasis,
        proposedBy: c.refusalProposedBy,
      },
    });
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'ACCEPTED',
      occurredAt: now,
      actor: by,
      detail: { acceptDocNo: c.acceptDocNo, promiseDate: c.promiseDate, remark: opinion },
    });
    await this.events.accepted(em, c, item);
    return c;
  }
}
