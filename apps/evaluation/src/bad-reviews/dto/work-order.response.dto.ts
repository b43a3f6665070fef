import { ApiProperty } from '@nestjs/swagger';
import { BAD_REVIEW_CLOSURES, RECTIFICATION_MODES, RECTIFICATION_OUTCOMES } from '@app/shared/contracts';
import { BadReviewHistoryEntity } from '../entities/bad-review-history.entity';
import { BadReviewOrderEntity } from '../entities/bad-review-order.entity';
import { WORK_ORDER_ACTION, WORK_ORDER_STATUS, WORK_ORDER_STATUSES } from '../work-order-state';
import { APPEAL_DECISIONS, APPEAL_REASONS } from './work-order-commands.request.dto';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const nullableTime = { type: String, format: 'date-time', nullable: true } as const;
const nullableEnum = (values: readonly string[], description: string) =>
  ({ type: String, enum: values, nullable: true, description }) as const;

/** A 差评整改 work order. */
export class WorkOrderView {
  @ApiProperty({ format: 'uuid' }) workOrderId!: string;
  @ApiProperty({ format: 'uuid' }) reviewId!: string;
  @ApiProperty({ description: '办件编号' }) caseNo!: string;
  @ApiProperty({ description: '责任部门 (the case’s department; 转办 is automatic)' }) deptCode!: string;
  @ApiProperty({ minimum: 1, maximum: 2 }) satisfaction!: number;
  @ApiProperty({ enum: WORK_ORDER_STATUSES, example: WORK_ORDER_STATUS.ASSIGNED }) status!: string;
  @ApiProperty({ format: 'date', description: '整改期限 (working days after opening)' })
  rectifyDueDate!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ ...nullableTime, description: '回访核实' }) verifiedAt!: string | null;
  @ApiProperty(nullableEnum(RECTIFICATION_OUTCOMES, 'RECTIFIED 整改到位 or EXPLAINED 解释说明'))
  outcome!: string | null;
  @ApiProperty(nullableEnum(RECTIFICATION_MODES, 'IMMEDIATE 立行立改, SCHEDULED 台账/限期整改'))
  rectifyMode!: string | null;
  @ApiProperty({ ...nullableTime, description: 'when it was rectified or explained (the 整改 clock stops)' })
  rectifiedAt!: string | null;
  @ApiProperty(nullableEnum(APPEAL_REASONS, 'MISTAKEN 误评, MALICIOUS 恶意差评')) appealReason!:
    string | null;
  @ApiProperty(nullableTime) appealedAt!: string | null;
  @ApiProperty(nullableEnum(APPEAL_DECISIONS, 'UPHELD 差评维持, VOIDED 差评作废')) appealDecision!:
    string | null;
  @ApiProperty(nullableTime) appealDecidedAt!: string | null;
  @ApiProperty(nullableTime) followedUpAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: '回访满意' }) raterSatisfied!: boolean | null;
  @ApiProperty(nullableEnum(BAD_REVIEW_CLOSURES, 'how the order ended')) closure!: string | null;
  @ApiProperty(nullableTime) closedAt!: string | null;
  @ApiProperty({ description: 'a voided rating (误评/恶意差评 on appeal) leaves the statistics' })
  excludedFromStatistics!: boolean;

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
      updatedAt: o.updatedAt.toISOString(),
      verifiedAt: iso(o.verifiedAt ?? null),
      outcome: o.outcome ?? null,
      rectifyMode: o.rectifyMode ?? null,
      rectifiedAt: iso(o.rectifiedAt ?? null),
      appealReason: o.appealReason ?? null,
      appealedAt: iso(o.appealedAt ?? null),
      appealDecision: o.appealDecision ?? null,
      appealDecidedAt: iso(o.appealDecidedAt ?? null),
      followedUpAt: iso(o.followedUpAt ?? null),
      raterSatisfied: o.raterSatisfied ?? null,
      closure: o.closure ?? null,
      closedAt: iso(o.closedAt ?? null),
      excludedFromStatistics: o.status === WORK_ORDER_STATUS.VOIDED,
    };
  }
}

/** One step of a work order's life. */
export class WorkOrderHistoryView {
  @ApiProperty({ enum: Object.values(WORK_ORDER_ACTION) }) action!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for the opening (转办)' })
  fromStatus!: string | null;
  @ApiProperty({ enum: WORK_ORDER_STATUSES }) toStatus!: string;
  @ApiProperty({ description: 'subject of the actor (system for the automatic 转办)' }) actorSub!: string;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the command’s other input: mode, reason, decision, contacted, raterSatisfied',
  })
  details!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) at!: string;

  static of(h: BadReviewHistoryEntity): WorkOrderHistoryView {
    return {
      action: h.action,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      actorSub: h.actorSub,
      actorName: h.actorName,
      note: h.note,
      details: h.details,
      at: h.at.toISOString(),
    };
  }
}

/** A work order with its history, oldest step first. */
export class WorkOrderDetailView extends WorkOrderView {
  @ApiProperty({ type: [WorkOrderHistoryView] }) history!: WorkOrderHistoryView[];

  static ofDetail(o: BadReviewOrderEntity, history: BadReviewHistoryEntity[]): WorkOrderDetailView {
    return { ...WorkOrderView.of(o), history: history.map((h) => WorkOrderHistoryView.of(h)) };
  }
}
