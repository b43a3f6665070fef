import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxRelay } from '@app/shared/kafka';
import { CaseEvents } from '../../case-events';
import { POST_CHECK_STATUS } from '../../entities/post-check.entity';
import { CaseRepository } from '../../repositories/case.repository';
import { sweepCases } from '../../case-sweep';
import { ObligationsRepository } from '../../repositories/obligations.repository';

/** The advisory lock that lets one replica at a time sweep. */
export const POST_CHECK_SWEEP_LOCK = 'intake.post-check-sweep';

export interface FlagOverduePostChecksCommand {
  /** The sweep's "now": PENDING tasks whose deadline ended before it are flagged. */
  now?: Date;
  batch?: number;
}

/**
 * 事后核查 overdue: flags each PENDING post-check past its deadline ONCE (`overdueAt`), on the timeline and
 * with intake.case.post-check-due (a later sweep does not find it again). Safe with replicas: one sweeper
 * at a time (pg_try_advisory_xact_lock), case rows a request holds (a result being recorded) skipped. A
 * case that ended without its result (withdrawn before the decision) has nothing to check: not flagged.
 */
@Injectable()
export class FlagOverduePostChecksUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly obligations: ObligationsRepository,
    private readonly events: CaseEvents,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(cmd: FlagOverduePostChecksCommand = {}): Promise<string[]> {
    const now = cmd.now ?? new Date();
    return sweepCases(
      this.cases,
      this.relay,
      POST_CHECK_SWEEP_LOCK,
      {
        sql: `SELECT c.case_no FROM cases c JOIN post_checks p ON p.case_no = c.case_no
         WHERE p.status = 'PENDING' AND p.overdue_at IS NULL AND p.due_at < $1
           AND (c.status <> 'DONE' OR c.done_result = '0')
         ORDER BY p.due_at LIMIT $2 FOR UPDATE OF c SKIP LOCKED`,
        params: [now, cmd.batch ?? 100],
      },
      (em, caseNo) => this.flag(em, caseNo, now),
    );
  }

  private async flag(em: EntityManager, caseNo: string, now: Date): Promise<boolean> {
    const c = await this.cases.lockCase(em, caseNo);
    const p = await this.obligations.postCheck(caseNo, em);
    if (!p || p.status !== POST_CHECK_STATUS.PENDING || p.overdueAt || p.dueAt.getTime() >= now.getTime()) {
      return false;
    }
    p.overdueAt = now;
    await this.obligations.savePostCheck(em, p);
    await this.cases.appendTimeline(em, caseNo, {
      action: 'POST_CHECK_OVERDUE',
      occurredAt: now,
      detail: { postCheckNo: p.postCheckNo, dueDate: p.dueDate },
    });
    await this.events.postCheckDue(em, c, p, now);
    return true;
  }
}
