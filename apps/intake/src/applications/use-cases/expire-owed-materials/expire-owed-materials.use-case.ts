import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxRelay } from '@app/shared/kafka';
import { CatalogService } from '../../../catalog/catalog.service';
import { OWED_OVERDUE_RESULTS, owedOverdueResultOf } from '../../../catalog/item-rules';
import { CaseEvents } from '../../case-events';
import { nextStatus } from '../../case-state';
import { outstanding } from '../../obligations';
import { CaseRepository } from '../../repositories/case.repository';
import { sweepCases } from '../../case-sweep';
import { ObligationsRepository } from '../../repositories/obligations.repository';
import { PauseCloser } from '../../pause-closer';

/** The advisory lock that lets one replica at a time sweep. */
export const OWED_SWEEP_LOCK = 'intake.owed-materials-sweep';

export interface ExpireOwedMaterialsCommand {
  /** The sweep's "now": owed materials whose due date ended before it are overdue. */
  now?: Date;
  /** At most this many cases per run (the next run takes the rest). */
  batch?: number;
}

/**
 * 容缺: ends the accepted cases with an owed material past its due date per the rule of the item version
 * the case was filed under (`owedOverdueResult`): 退件 (done, result 5, the default) or 不予许可 (done,
 * result 1). The overdue materials are marked, a running pause (特别程序) ends with the case
 * (intake.case.clock-resumed with caseDoneResult), the timeline says why, and the owed-materials-overdue
 * event (approval stops, with the doneResult) and the completed event are published. Safe with replicas:
 * one sweeper at a time (pg_try_advisory_xact_lock; the others skip the run), and case rows a request holds
 * (a supply arriving now) are skipped, not waited for. Returns the case numbers it ended.
 */
@Injectable()
export class ExpireOwedMaterialsUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly obligations: ObligationsRepository,
    private readonly pauses: PauseCloser,
    private readonly catalog: CatalogService,
    private readonly events: CaseEvents,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(cmd: ExpireOwedMaterialsCommand = {}): Promise<string[]> {
    const now = cmd.now ?? new Date();
    return sweepCases(
      this.cases,
      this.relay,
      OWED_SWEEP_LOCK,
      {
        sql: `SELECT c.case_no FROM cases c
         WHERE c.status IN ('ACCEPTED', 'IN_APPROVAL')
           AND EXISTS (SELECT 1 FROM owed_materials o
                       WHERE o.case_no = c.case_no AND o.supplied_at IS NULL AND o.overdue_at IS NULL
                         AND o.due_at < $1)
         ORDER BY c.case_no LIMIT $2 FOR UPDATE OF c SKIP LOCKED`,
        params: [now, cmd.batch ?? 100],
      },
      async (em, caseNo) => {
        await this.expire(em, caseNo, now);
        return true;
      },
    );
  }

  private async expire(em: EntityManager, caseNo: string, now: Date): Promise<void> {
    const c = await this.cases.lockCase(em, caseNo);
    const previousStatus = c.status;
    c.status = nextStatus(c.status, 'expireOwed');
    const overdue = outstanding(await this.obligations.owed(caseNo, em)).filter(
      (o) => o.dueAt.getTime() < now.getTime(),
    );
    for (const o of overdue) o.overdueAt = now;
    await this.obligations.saveOwed(em, overdue);
    const doneResult = owedOverdueResultOf(await this.catalog.getOfCase(em, c.itemId));
    await this.pauses.closeWithCase(em, c, now, doneResult);
    c.doneResult = doneResult;
    c.doneAt = now;
    await this.cases.save(em, c);
    await this.cases.appendTimeline(em, c.caseNo, {
      action:
        doneResult === OWED_OVERDUE_RESULTS.DENIED
          ? 'OWED_MATERIALS_OVERDUE_DENIED'
          : 'OWED_MATERIALS_OVERDUE',
      occurredAt: now,
      detail: { materials: overdue.map(({ code, name, dueDate }) => ({ code, name, dueDate })), doneResult },
    });
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'DONE',
      occurredAt: now,
      detail: { doneResult },
    });
    await this.events.owedOverdue(em, c, overdue, previousStatus, now);
    await this.events.completed(em, c);
  }
}
