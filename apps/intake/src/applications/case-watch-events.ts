import { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { ClockPauseReason, TOPICS } from '@app/shared/contracts';
import { OutboxService } from '@app/shared/kafka';
import { scrubText } from '@app/shared/logging';
import { caseRef, eventApplicant } from './case-events';
import { CaseEntity } from './entities/case.entity';
import { CaseFeedbackEntity } from './entities/case-feedback.entity';
import { PostCheckEntity } from './entities/post-check.entity';

/** A pause of the case's clock: why, what caused it (notice number or procedure id), and when it started. */
export interface ClockPause {
  reason: ClockPauseReason;
  ref: string;
  startedAt: Date;
}

/**
 * The events that let approval, supervision and partners watch a case's clock and its oversight: pauses and
 * resumptions, decisions overdue (Art. 32 receipt, a refusal proposal the chief left undecided), "办不成事"
 * feedback and passed post-checks. Written into the outbox in the caller's transaction, keyed by 办件编号.
 */
@Injectable()
export class CaseWatchEvents {
  constructor(private readonly outbox: OutboxService) {}

  /** The clock stopped (补正 notice, or 特别程序 recorded); `totalPausedDays` counts the earlier pauses. */
  async clockSuspended(em: EntityManager, c: CaseEntity, pause: ClockPause): Promise<void> {
    await this.outbox.add(em, TOPICS.CASE_CLOCK_SUSPENDED, c.caseNo, {
      ...caseRef(c),
      reason: pause.reason,
      pauseRef: pause.ref,
      pauseStartedAt: pause.startedAt.toISOString(),
      promiseDate: c.promiseDate,
      totalPausedDays: c.pausedDays,
    });
  }

  /**
   * The pause is over; the case's pausedDays and promiseDate are the ones after resumption. With
   * `caseDoneResult` the pause ended because the case ended (its 办结结果): the clock does not run again.
   */
  async clockResumed(
    em: EntityManager,
    c: CaseEntity,
    pause: ClockPause,
    endedAt: Date,
    pausedWorkingDays: number,
    caseDoneResult?: string,
  ): Promise<void> {
    await this.outbox.add(em, TOPICS.CASE_CLOCK_RESUMED, c.caseNo, {
      ...caseRef(c),
      reason: pause.reason,
      pauseRef: pause.ref,
      pauseStartedAt: pause.startedAt.toISOString(),
      pauseEndedAt: endedAt.toISOString(),
      pausedWorkingDays,
      totalPausedDays: c.pausedDays,
      promiseDate: c.promiseDate,
      ...(caseDoneResult !== undefined ? { caseDoneResult } : {}),
    });
  }

  /** Art. 32: no decision within 5 working days of receipt (视为受理). */
  async receiptOverdue(em: EntityManager, c: CaseEntity, deadline: string, at: Date): Promise<void> {
    await this.outbox.add(em, TOPICS.CASE_RECEIPT_OVERDUE, c.caseNo, {
      ...caseRef(c),
      submittedAt: c.submittedAt.toISOString(),
      deadline,
      pausedWorkingDays: c.pausedDays,
      flaggedAt: at.toISOString(),
    });
  }

  /** 窗口无否决权: the chief left the clerk's refusal proposal undecided past its due time. */
  async refusalConfirmationOverdue(
    em: EntityManager,
    c: CaseEntity,
    dueDate: string,
    at: Date,
  ): Promise<void> {
    await this.outbox.add(em, TOPICS.APPLICATION_REFUSAL_CONFIRMATION_OVERDUE, c.caseNo, {
      ...caseRef(c),
      reason: c.refusalReason ?? '',
      legalBasis: c.refusalLegalBasis ?? '',
      proposedAt: (c.refusalProposedAt ?? at).toISOString(),
      proposedBy: c.refusalProposedBy ?? '',
      confirmDueDate: dueDate,
      confirmDueAt: (c.refusalConfirmDueAt ?? at).toISOString(),
      flaggedAt: at.toISOString(),
    });
  }

  /** "办不成事" raised: the applicant masked, the reason scrubbed of ID and phone numbers. */
  async feedbackRaised(em: EntityManager, c: CaseEntity, f: CaseFeedbackEntity): Promise<void> {
    await this.outbox.add(em, TOPICS.CASE_FEEDBACK_RAISED, c.caseNo, {
      ...caseRef(c),
      feedbackId: f.id,
      applicant: eventApplicant(c),
      reason: scrubText(f.reason),
      raisedAt: f.raisedAt.toISOString(),
    });
  }

  /** "办不成事" answered in writing by the chief (the answer scrubbed like the reason). */
  async feedbackAnswered(em: EntityManager, c: CaseEntity, f: CaseFeedbackEntity): Promise<void> {
    await this.outbox.add(em, TOPICS.CASE_FEEDBACK_ANSWERED, c.caseNo, {
      ...caseRef(c),
      feedbackId: f.id,
      answer: scrubText(f.answer ?? ''),
      answeredBy: f.answeredBy ?? '',
      raisedAt: f.raisedAt.toISOString(),
      answeredAt: (f.answeredAt ?? new Date()).toISOString(),
    });
  }

  /** 告知承诺制: the 事后核查 passed; the result stands. */
  async postCheckPassed(em: EntityManager, c: CaseEntity, p: PostCheckEntity): Promise<void> {
    await this.outbox.add(em, TOPICS.CASE_POST_CHECK_PASSED, c.caseNo, {
      ...caseRef(c),
      postCheckNo: p.postCheckNo,
      commitmentNo: p.commitmentNo,
      dueDate: p.dueDate,
      checkedBy: p.checkedBy ?? '',
      checkedAt: (p.checkedAt ?? new Date()).toISOString(),
      remark: p.resultReason,
    });
  }
}
