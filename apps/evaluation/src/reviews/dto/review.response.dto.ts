import { ApiProperty } from '@nestjs/swagger';
import { REVIEW_CHANNEL_CODES } from '@app/shared/codes';
import { WorkOrderView } from '../../bad-reviews/dto/work-order.response.dto';
import { BadReviewOrderEntity } from '../../bad-reviews/entities/bad-review-order.entity';
import { ReviewEntity } from '../entities/review.entity';

/** A review (好差评) with its work order, if it opened one. */
export class ReviewView {
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty({ example: 'COMPLETED', description: '评价环节' }) stage!: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) satisfaction!: number;
  @ApiProperty({ enum: REVIEW_CHANNEL_CODES, description: '评价渠道 pf' }) pf!: string;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ type: [String], description: '测评内容代码' }) evalDetail!: string[];
  @ApiProperty({ enum: [1, 2], description: '1 首次评价, 2 二次评价' }) assessNumber!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: WorkOrderView, nullable: true }) workOrder!: WorkOrderView | null;

  static of(r: ReviewEntity, order: BadReviewOrderEntity | null): ReviewView {
    return {
      reviewId: r.id,
      caseNo: r.caseNo,
      stage: r.stage,
      satisfaction: r.satisfaction,
      pf: r.pf,
      comment: r.comment,
      evalDetail: r.evalDetail,
      assessNumber: r.assessNumber,
      createdAt: r.createdAt.toISOString(),
      workOrder: order ? WorkOrderView.of(order) : null,
    };
  }
}

/** The reviews of one case and its rating window. */
export class CaseReviewsView {
  @ApiProperty() caseNo!: string;
  @ApiProperty({ format: 'date-time', description: 'end of the rating window' }) ratingDeadline!: string;
  @ApiProperty({ type: [ReviewView] }) reviews!: ReviewView[];
}
