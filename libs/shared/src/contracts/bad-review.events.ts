import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IsText } from '../validation/decorators';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 差评整改 outcomes (reference §2.5): 整改到位 (立行立改 or 台账/限期整改) or 解释说明 when the complaint has no
 * legal basis. Either stops the 整改 clock; the order then waits for 回访.
 */
export const RECTIFICATION_OUTCOMES = ['RECTIFIED', 'EXPLAINED'] as const;
export type RectificationOutcome = (typeof RECTIFICATION_OUTCOMES)[number];
/** 立行立改 (at once) or 台账/限期整改 (recorded with a deadline). */
export const RECTIFICATION_MODES = ['IMMEDIATE', 'SCHEDULED'] as const;
/**
 * How a work order ends: FOLLOWED_UP — the department called the rater back (回访) and closed it;
 * VOIDED — an appeal (申诉复核) found the rating mistaken or malicious, so it leaves the statistics.
 */
export const BAD_REVIEW_CLOSURES = ['FOLLOWED_UP', 'VOIDED'] as const;
export type BadReviewClosure = (typeof BAD_REVIEW_CLOSURES)[number];

/** evaluation.bad-review.rectified.v1 — a 差评 work order was rectified or explained (its clock stops). */
export class BadReviewRectifiedV1 {
  @IsUUID() workOrderId!: string;
  @IsUUID() reviewId!: string;
  @IsString() caseNo!: string;
  @Matches(/^[0-9A-Z]{18}$/) deptCode!: string;
  @IsIn(RECTIFICATION_OUTCOMES) outcome!: string;
  /** null for EXPLAINED. */
  @IsOptional() @IsIn(RECTIFICATION_MODES) mode?: string | null;
  /** The 整改 deadline the order had (Asia/Shanghai); on time when rectifiedAt's date ≤ it. */
  @Matches(DATE_RE) rectifyDueDate!: string;
  @IsISO8601() rectifiedAt!: string;
  @IsText({ max: 100 }) handledBy!: string;
}

/** evaluation.bad-review.closed.v1 — a 差评 work order ended: followed up (回访) and closed, or voided on appeal. */
export class BadReviewClosedV1 {
  @IsUUID() workOrderId!: string;
  @IsUUID() reviewId!: string;
  @IsString() caseNo!: string;
  @Matches(/^[0-9A-Z]{18}$/) deptCode!: string;
  @IsIn(BAD_REVIEW_CLOSURES) closure!: string;
  /** FOLLOWED_UP: whether the rater said the problem was solved (回访满意); null for VOIDED. */
  @IsOptional() @IsBoolean() raterSatisfied?: boolean | null;
  @IsISO8601() closedAt!: string;
  @IsText({ max: 100 }) closedBy!: string;
}
