import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxRelay } from '@app/shared/kafka';
import { CaseEvents } from '../../case-events';
import { nextStatus } from '../../case-state';
import { CaseRepository } from '../../repositories/case.repository';
import { sweepCases } from '../../case-sweep';
import { PauseCloser } from '../../pause-closer';

/** 办结结果 5 退件 (申请人长期不补正) (docs/standards.md#办结结果-doneresult). */
export const DONE_RETURNED = '5';
/** The advisory lock that lets one replica at a time sweep. */
export const SUPPLEMENT_SWEEP_LOCK = 'intake.supplement-sweep';

export interface ExpireSupplementsCommand {
  /** The sweep's "now": cases whose supplement deadline ended before it are returned. */
  now?: Date;
  /** At most this many cases per run (the next run takes the rest). */
  batch?: number;
}

/**
 * 退件: ends the cases whose 补正 deadline passed without a supplement (done, result 5): the pause ends
 * with the case (intake.case.clock-resumed, caseDoneResult 5), then the completed event. Safe with replicas: one sweeper at a time (pg_try_advisory_xact_lock; the others
 * skip the run), and rows a request holds (a supplement arriving now) are skipped, not waited for.
 * Returns the case numbers it ended.
 */
@Injectable()
export class ExpireSupplementsUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly pauses: PauseCloser,
    private readonly events: CaseEvents,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(cmd: ExpireSupplementsCommand = {}): Promise<string[]> {
    const now = cmd.now ?? new Date();
    return sweepCases(
      this.cases,
      this.relay,
      SUPPLEMENT_SWEEP_LOCK,
      {
        sql: `SELECT case_no FROM cases WHERE status = 'SUPPLEMENT_REQUIRED' AND supplement_due_at < $1
         ORDER BY supplement_due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
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
    c.status = nextStatus(c.status, 'expireSupplement');
    // The 补正 pause ends with the case: intake.case.clock-resumed with caseDoneResult 5.
    const paused = await this.pauses.closeWithCase(em, c, now, DONE_RETURNED);
    c.doneResult = DONE_RETURNED;
    c.doneAt = now;
    await this.cases.save(em, c);
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'SUPPLEMENT_EXPIRED',
      occurredAt: now,
      detail: { pausedWorkingDays: paused },
    });
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'DONE',
      occurredAt: now,
      detail: { doneResult: DONE_RETURNED },
    });
    await this.events.completed(em, c);
  }
}
