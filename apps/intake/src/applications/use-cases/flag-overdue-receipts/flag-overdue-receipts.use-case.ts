import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkCalendar } from '@app/shared/calendar';
import { OutboxRelay } from '@app/shared/kafka';
import { onCalendar } from '../../case-clock';
import { CaseWatchEvents } from '../../case-watch-events';
import { CaseEntity } from '../../entities/case.entity';
import { CaseRepository } from '../../repositories/case.repository';
import { sweepCases } from '../../case-sweep';

/** 行政许可法 Art. 32: 受理, a 补正 notice or a refusal is due within this many working days of receipt. */
export const RECEIPT_DECISION_WORKING_DAYS = 5;
/** The advisory lock that lets one replica at a time sweep. */
export const RECEIPT_SWEEP_LOCK = 'intake.receipt-art32-sweep';

export interface FlagOverdueReceiptsCommand {
  /** The sweep's "now": cases whose 5-working-day limit ended before its day are flagged. */
  now?: Date;
  /** At most this many candidate cases per run (the next run takes the rest). */
  batch?: number;
}

/**
 * The last day (Asia/Shanghai) to decide on receipt: 5 working days after the receipt day, plus the working
 * days the clock stood still (补正).
 */
export function receiptDecisionDeadline(
  calendar: WorkCalendar,
  c: Pick<CaseEntity, 'submittedAt' | 'pausedDays'>,
): string {
  return onCalendar(() =>
    calendar.addWorkingDays(
      calendar.toShanghaiDate(c.submittedAt),
      RECEIPT_DECISION_WORKING_DAYS + c.pausedDays,
    ),
  );
}

/**
 * 逾期未告知, 视为受理 (行政许可法 Art. 32): flags the cases still SUBMITTED after the 5 working days from
 * receipt (time paused excluded) with `deemedAcceptedAt`, a timeline entry and intake.case.receipt-overdue
 * (once: a flagged case is not found again); a later 受理 counts the promise date from receipt, plus the
 * working days paused. Safe with replicas: one sweeper at a time (pg_try_advisory_xact_lock; the
 * others skip the run), and rows a request holds (a 受理 happening now) are skipped, not waited for.
 * Returns the case numbers it flagged.
 */
@Injectable()
export class FlagOverdueReceiptsUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly calendar: WorkCalendar,
    private readonly watch: CaseWatchEvents,
    private readonly relay: OutboxRelay,
  ) {}

  async execute(cmd: FlagOverdueReceiptsCommand = {}): Promise<string[]> {
    const now = cmd.now ?? new Date();
    // 5 + paused working days span at least as many calendar days: a cheap bound, refined per case below.
    return sweepCases(
      this.cases,
      this.relay,
      RECEIPT_SWEEP_LOCK,
      {
        sql: `SELECT case_no FROM cases
         WHERE status = 'SUBMITTED' AND deemed_accepted_at IS NULL
           AND submitted_at < $1::timestamptz - make_interval(days => $2 + paused_days)
         ORDER BY submitted_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
        params: [now, RECEIPT_DECISION_WORKING_DAYS, cmd.batch ?? 100],
      },
      (em, caseNo) => this.flag(em, caseNo, now),
    );
  }

  private async flag(em: EntityManager, caseNo: string, now: Date): Promise<boolean> {
    const c = await this.cases.lockCase(em, caseNo);
    if (c.status !== 'SUBMITTED' || c.deemedAcceptedAt) return false;
    const deadline = receiptDecisionDeadline(this.calendar, c);
    if (this.calendar.toShanghaiDate(now) <= deadline) return false;
    c.deemedAcceptedAt = now;
    await this.cases.save(em, c);
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'DEEMED_ACCEPTED',
      occurredAt: now,
      detail: {
        submittedAt: c.submittedAt.toISOString(),
        deadline,
        pausedWorkingDays: c.pausedDays,
      },
    });
    await this.watch.receiptOverdue(em, c, deadline, now);
    return true;
  }
}
