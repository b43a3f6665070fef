import { ApiProperty } from '@nestjs/swagger';
import { REVIEW_CHANNEL_CODES } from '@app/shared/codes';
import { BadReviewOrderEntity } from '../entities/bad-review-order.entity';
import { ReviewEntity } from '../entities/review.entity';

/** A 差评整改 work order. */
export class WorkOrderView {
  @ApiProperty({ format: 'uuid' }) workOrderId!: string;
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty({ description: '办件编号' }) caseNo!: string;
  @ApiProperty({ description: '责任部门' }) deptCode!: string;
  @ApiProperty({ minimum: 1, maximum: 2 }) satisfaction!: number;
  @ApiProperty({ example: 'BAD_REVIEW_CREATED' }) status!: string;
  @ApiProperty({ format: 'date', description: '整改期限 (working days after opening)' })
  rectifyDueDate!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static of(o: BadReviewOrderEntity): WorkOrderView {
    return {
      workOrderId: o.id,
      reviewId: o.reviewId,
      caseNo: o.caseNo,
      deptCode: o.deptCode,
      satisfaction: o.satisfaction,
      status: o.status,
      rectifyDueDate: o.rectifyDueDate,
      createdAt: o.createdAt.toISOString(),
    };
  }
}

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
