import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { DONE_RESULT_CODES } from '../codes';
import { IsText } from '../validation/decorators';
import { CaseRef, EventApplicant } from './common';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Why a case's clock stands still: 补正 (the applicant owes materials) or approval's 特别程序. */
export const CLOCK_PAUSE_REASONS = ['SUPPLEMENT', 'SPECIAL_PROCEDURE'] as const;
export type ClockPauseReason = (typeof CLOCK_PAUSE_REASONS)[number];

/**
 * intake.case.clock-suspended.v1 — the case's clock stopped: a 补正 notice was sent, or intake recorded the
 * start of approval's 特别程序. Approval and supervision count the same dates from it.
 */
export class CaseClockSuspendedV1 extends CaseRef {
  @IsIn(CLOCK_PAUSE_REASONS) reason!: ClockPauseReason;
  /** The 补正告知书编号 or the 特别程序 id that stopped the clock. */
  @IsText({ max: 120 }) pauseRef!: string;
  @IsISO8601() pauseStartedAt!: string;
  /** The 承诺办结日期 so far; null before 受理 (a 补正 precedes it). */
  @IsOptional() @Matches(DATE_RE) promiseDate!: string | null;
  /** Working days paused before this pause. */
  @IsInt() @Min(0) totalPausedDays!: number;
}

/**
 * intake.case.clock-resumed.v1 — the pause of the case's clock is over: the clock runs again (补正
 * supplied, 特别程序 ended), or the case ended while its clock stood still (withdrawn, 退件, …; then
 * `caseDoneResult` is set and the clock never runs again). The pause's start and end, its working days,
 * and the 承诺办结日期 after resumption (null before 受理).
 */
export class CaseClockResumedV1 extends CaseRef {
  @IsIn(CLOCK_PAUSE_REASONS) reason!: ClockPauseReason;
  @IsText({ max: 120 }) pauseRef!: string;
  @IsISO8601() pauseStartedAt!: string;
  @IsISO8601() pauseEndedAt!: string;
  @IsInt() @Min(0) pausedWorkingDays!: number;
  @IsInt() @Min(0) totalPausedDays!: number;
  @IsOptional() @Matches(DATE_RE) promiseDate!: string | null;
  /**
   * Set only when the pause ended because the case ended (办结 while the clock stood still): the case's
   * 办结结果 doneresult (2 作废办结 for a withdrawal, 5 退件, 1 不予许可 …). The clock stopped for good; it
   * does not run again. Absent when the clock resumes. Added within v1 (optional: older consumers ignore it).
   */
  @IsOptional() @IsIn(DONE_RESULT_CODES) caseDoneResult?: string;
}

/**
 * intake.case.receipt-overdue.v1 — 行政许可法 Art. 32: no 受理, 补正 notice or refusal within 5 working days
 * of receipt (paused days excluded): the case is deemed accepted and its promise counts from receipt. Once.
 */
export class CaseReceiptOverdueV1 extends CaseRef {
  @IsISO8601() submittedAt!: string;
  /** The last day (Asia/Shanghai) a decision on receipt was due. */
  @Matches(DATE_RE) deadline!: string;
  @IsInt() @Min(0) pausedWorkingDays!: number;
  @IsISO8601() flaggedAt!: string;
}

/**
 * intake.application.refusal-confirmation-overdue.v1 — 窗口无否决权: a clerk's 拟不予受理 was neither
 * confirmed nor overturned by the chief within REFUSAL_CONFIRM_WORKDAYS. The case stays REFUSAL_PROPOSED
 * (a proposal is not a refusal) and is escalated. Once per case.
 */
export class ApplicationRefusalConfirmationOverdueV1 extends CaseRef {
  @IsText({ max: 500, multiline: true }) reason!: string;
  @IsText({ max: 1000, multiline: true }) legalBasis!: string;
  @IsISO8601() proposedAt!: string;
  @IsText({ max: 100 }) proposedBy!: string;
  /** The end (Asia/Shanghai) of the last day the chief had. */
  @Matches(DATE_RE) confirmDueDate!: string;
  @IsISO8601() confirmDueAt!: string;
  @IsISO8601() flaggedAt!: string;
}

/**
 * intake.case.feedback-raised.v1 — "办不成事": the applicant raised a written complaint on the case, a work
 * item for the department's chief. The applicant travels masked (a person's ID only masked + keyed hash);
 * the reason is scrubbed of ID and phone numbers.
 */
export class CaseFeedbackRaisedV1 extends CaseRef {
  @IsUUID() feedbackId!: string;
  @ValidateNested() @Type(() => EventApplicant) applicant!: EventApplicant;
  @IsText({ max: 500, multiline: true }) reason!: string;
  @IsISO8601() raisedAt!: string;
}

/** intake.case.feedback-answered.v1 — the chief answered a "办不成事" item in writing (首问负责). */
export class CaseFeedbackAnsweredV1 extends CaseRef {
  @IsUUID() feedbackId!: string;
  /** The answer, scrubbed of ID and phone numbers. */
  @IsText({ max: 1000, multiline: true }) answer!: string;
  @IsText({ max: 100 }) answeredBy!: string;
  @IsISO8601() raisedAt!: string;
  @IsISO8601() answeredAt!: string;
}
