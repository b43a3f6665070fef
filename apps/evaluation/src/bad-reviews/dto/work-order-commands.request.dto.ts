import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsUUID } from 'class-validator';
import { RECTIFICATION_MODES } from '@app/shared/contracts';
import { IsText } from '@app/shared/validation';

/** Every text of a work-order command: trimmed, not blank, line breaks allowed, ≤ 1000 characters. */
export const WORK_ORDER_TEXT_MAX = 1000;
const text = IsText({ max: WORK_ORDER_TEXT_MAX, multiline: true });
const textDoc = (description: string) => ({ description, minLength: 1, maxLength: WORK_ORDER_TEXT_MAX });

/** 申诉理由: 误评 or 恶意差评. */
export const APPEAL_REASONS = ['MISTAKEN', 'MALICIOUS'] as const;
/** 申诉复核结论: UPHELD — the rating stands (差评维持); VOIDED — it is excluded from statistics (差评作废). */
export const APPEAL_DECISIONS = ['UPHELD', 'VOIDED'] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];

export class WorkOrderIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

/** POST /bad-reviews/:id/verify */
export class VerifyBadReviewRequestDto {
  @ApiProperty(textDoc('回访核实情况: what the department found when it called the rater back'))
  @text
  note!: string;
}

/** POST /bad-reviews/:id/rectify */
export class RectifyBadReviewRequestDto {
  @ApiProperty({
    enum: RECTIFICATION_MODES,
    description:
      'IMMEDIATE 立行立改 (clear case, reasonable request); SCHEDULED 台账/限期整改 (complex case)',
  })
  @IsIn(RECTIFICATION_MODES)
  mode!: (typeof RECTIFICATION_MODES)[number];

  @ApiProperty(textDoc('整改措施: what was changed'))
  @text
  measures!: string;
}

/** POST /bad-reviews/:id/explain */
export class ExplainBadReviewRequestDto {
  @ApiProperty(textDoc('解释说明: why the request has no legal basis, as explained to the rater'))
  @text
  explanation!: string;
}

/** POST /bad-reviews/:id/appeal */
export class AppealBadReviewRequestDto {
  @ApiProperty({ enum: APPEAL_REASONS, description: 'MISTAKEN 误评, MALICIOUS 恶意差评' })
  @IsIn(APPEAL_REASONS)
  reason!: (typeof APPEAL_REASONS)[number];

  @ApiProperty(textDoc('申诉理由与依据'))
  @text
  text!: string;
}

/** POST /bad-reviews/:id/decide-appeal */
export class DecideBadReviewAppealRequestDto {
  @ApiProperty({
    enum: APPEAL_DECISIONS,
    description:
      'UPHELD 差评维持 (the order goes back to VERIFIED for rectification or explanation); VOIDED 差评作废 ' +
      '(the order ends VOIDED and leaves the statistics)',
  })
  @IsIn(APPEAL_DECISIONS)
  decision!: AppealDecision;

  @ApiProperty(textDoc('复核意见'))
  @text
  note!: string;
}

/** POST /bad-reviews/:id/follow-up */
export class FollowUpBadReviewRequestDto {
  @ApiProperty({ description: 'the rater was reached (实名差评必回访); false is refused with 422' })
  @IsBoolean()
  contacted!: boolean;

  @ApiProperty({ description: '回访满意: the rater says the problem is solved' })
  @IsBoolean()
  raterSatisfied!: boolean;

  @ApiProperty(textDoc('回访记录'))
  @text
  note!: string;
}
