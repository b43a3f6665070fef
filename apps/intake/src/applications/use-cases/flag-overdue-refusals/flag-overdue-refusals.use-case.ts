import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkCalendar } from '@app/shared/calendar';
import { OutboxRelay } from '@app/shared/kafka';
import { CaseWatchEvents } from '../../case-watch-events';
import { CASE_STATUS } from '../../entities/case.entity';
import { CaseRepository } from '../../repositories/case.repository';
import { sweepCases } from '../../case-sweep';

/** The advisory lock that lets one replica at a time sweep. */
export const REFUSAL_SWEEP_LOCK = 'intake.refusal-confirmation-sweep';

export interface FlagOverdueRefusalsCommand {
  /** The sweep's "now": proposals whose confirmation was due before it are escalated. */
  now?: Date;
  /** At most this many cases per run (the next run takes the rest). */
  batch?: number;
}

/**
 * 窗口无否决权, the chief's time limit: a 拟不予受理 neither confirmed nor overturned by its
 * `refusalConfirmDueAt` is ESCALATED, not decided: the case stays REFUSAL_PROPOSED (a clerk's proposal is
 * not a refusal, and accepting by default would be a 受理 nobody decided), gets `refusalOverdueAt`, a
 * timeline entry and intake.application.refusal-confirmation-overdue — once per case (a flagged case is not
 * selected again). Safe with replicas: one sweeper at a time (pg_try_advisory_xact_lock; the others skip the
 * run), and rows a request holds (the chief deciding now) are skipped, not waited for.
 * Returns the case numbers it escalated.
 */
@Injectable()
export class FlagOverdueRefusalsUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly calendar: WorkCalendar,
    private readonly watch: CaseWatchEvents,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(cmd: FlagOverdueRefusalsCommand = {}): Promise<string[]> {
    const now = cmd.now ?? new Date();
    return sweepCases(
      this.cases,
      this.relay,
      REFUSAL_SWEEP_LOCK,
      {
        sql: `SELECT case_no FROM cases
         WHERE status = 'REFUSAL_PROPOSED' AND refusal_overdue_at IS NULL AND refusal_confirm_due_at < $1
         ORDER BY refusal_confirm_due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        params: [now, cmd.batch ?? 100],
      },
      (em, caseNo) => this.flag(em, caseNo, now),
    );
  }

  private async flag(em: EntityManager, caseNo: string, now: Date): Promise<boolean> {
    const c = await this.cases.lockCase(em, caseNo);
    const dueAt = c.refusalConfirmDueAt;
    if (c.status !== CASE_STATUS.REFUSAL_PROPOSED || c.refusalOverdueAt || !dueAt) return false;
    if (dueAt.getTime() >= now.getTime()) return false;
    const dueDate = this.calendar.toShanghaiDate(dueAt);
    c.refusalOverdueAt = now;
    await this.cases.save(em, c);
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'REFUSAL_CONFIRMATION_OVERDUE',
      occurredAt: now,
      detail: {
        proposedBy: c.refusalProposedBy,
        proposedAt: c.refusalProposedAt?.toISOString() ?? null,
        confirmDueDate: dueDate,
      },
    });
    await this.watch.refusalConfirmationOverdue(em, c, dueDate, now);
    return true;
  }
}
