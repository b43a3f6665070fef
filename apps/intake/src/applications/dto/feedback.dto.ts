import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@app/shared/http';
import { IsText } from '@app/shared/validation';
import { CaseFeedbackEntity, FEEDBACK_STATUS, FeedbackStatus } from '../entities/case-feedback.entity';

const FEEDBACK_STATUSES = Object.values(FEEDBACK_STATUS);

/** "办不成事" 反映 by the applicant. */
export class RaiseFeedbackDto {
  @ApiProperty({ description: '反映的问题 (what could not get done)', maxLength: 500 })
  @IsText({ max: 500, multiline: true })
  reason!: string;
}

/** The chief's written answer (首问负责). */
export class AnswerFeedbackDto {
  @ApiProperty({ description: '书面答复', minLength: 2, maxLength: 1000 })
  @IsText({ min: 2, max: 1000, multiline: true })
  answer!: string;
}

export class ListFeedbackQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FEEDBACK_STATUSES })
  @IsOptional()
  @IsText({ max: 10 })
  @IsIn(FEEDBACK_STATUSES)
  status?: FeedbackStatus;
}

/** One "办不成事" feedback item and its answer. */
export class FeedbackView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '办件编号' }) caseNo!: string;
  @ApiProperty({ description: '部门统一社会信用代码' }) deptCode!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() raisedBy!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ enum: FEEDBACK_STATUSES }) status!: FeedbackStatus;
  @ApiProperty({ type: String, nullable: true }) answer!: string | null;
  @ApiProperty({ type: String, nullable: true }) answeredBy!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) answeredAt!: string | null;

  static from(f: CaseFeedbackEntity): FeedbackView {
    return {
      id: f.id,
      caseNo: f.caseNo,
      deptCode: f.deptCode,
      reason: f.reason,
      raisedBy: f.raisedBy,
      raisedAt: f.raisedAt.toISOString(),
      status: f.status,
      answer: f.answer,
      answeredBy: f.answeredBy,
      answeredAt: f.answeredAt?.toISOString() ?? null,
    };
  }
}
