import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TOPICS } from '@app/shared/contracts';
import { AnyInbound } from '../../inbound';
import { ClockRepository } from '../../repositories/clock.repository';
import { RatingFactRepository } from '../../repositories/rating-fact.repository';
import { SupervisedCaseRepository } from '../../repositories/supervised-case.repository';

export type OutcomeTopic =
  | typeof TOPICS.LICENCE_ISSUED
  | typeof TOPICS.REVIEW_SUBMITTED
  | typeof TOPICS.BAD_REVIEW_OPENED
  | typeof TOPICS.BAD_REVIEW_RECTIFIED
  | typeof TOPICS.BAD_REVIEW_CLOSED;

/** Projects what follows a decision: the licence (certificate), ratings and 差评整改 work orders (evaluation). */
@Injectable()
export class ProjectOutcomeEventUseCase {
  constructor(
    private readonly cases: SupervisedCaseRepository,
    private readonly clocks: ClockRepository,
    private readonly ratings: RatingFactRepository,
  ) {}

  async execute(em: EntityManager, e: AnyInbound<OutcomeTopic>): Promise<void> {
    switch (e.topic) {
      case TOPICS.LICENCE_ISSUED: {
        const p = e.payload;
        const before = await this.cases.apply(em, { caseNo: p.caseNo, itemCode: p.itemCode });
        if (!before?.licenceIssuedAt) {
          await this.cases.apply(
            em,
            { caseNo: p.caseNo },
            { licenceId: p.licenceId, licenceIssuedAt: issuedAt(e.time, p.issueDate) },
          );
        }
        return;
      }
      case TOPICS.REVIEW_SUBMITTED: {
        const p = e.payload;
        await this.cases.apply(em, { caseNo: p.caseNo, itemCode: p.itemCode, deptCode: p.deptCode });
        await this.ratings.addReview(em, {
          reviewId: p.reviewId,
          caseNo: p.caseNo,
          itemCode: p.itemCode,
          deptCode: p.deptCode,
          satisfaction: p.satisfaction,
          pf: p.pf,
          assessNumber: p.assessNumber,
          assessTime: new Date(p.assessTime),
        });
        return;
      }
      case TOPICS.BAD_REVIEW_OPENED: {
        const p = e.payload;
        const c = await this.cases.apply(em, { caseNo: p.caseNo, deptCode: p.deptCode });
        const openedAt = new Date(p.openedAt);
        const ended = await this.ratings.addBadReview(em, {
          workOrderId: p.workOrderId,
          reviewId: p.reviewId,
          caseNo: p.caseNo,
          deptCode: p.deptCode,
          satisfaction: p.satisfaction,
          rectifyDueDate: p.rectifyDueDate,
          openedAt,
        });
        // Rectified (or voided) before this event arrived: the clock is recorded, already stopped.
        await this.clocks.open(
          em,
          {
            caseNo: p.caseNo,
            kind: 'RECTIFICATION',
            ref: p.workOrderId,
            label: '差评整改期限',
            deptCode: p.deptCode,
            itemCode: c?.itemCode ?? null,
            dueDate: p.rectifyDueDate,
            openedAt,
          },
          ended ? { closed: ended } : {},
        );
        return;
      }
      case TOPICS.BAD_REVIEW_RECTIFIED: {
        const p = e.payload;
        const at = new Date(p.rectifiedAt);
        await this.ratings.recordOutcome(em, {
          workOrderId: p.workOrderId,
          reviewId: p.reviewId,
          caseNo: p.caseNo,
          deptCode: p.deptCode,
          rectifyDueDate: p.rectifyDueDate,
          outcome: p.outcome,
          rectificationMode: p.mode ?? null,
          rectifiedAt: at,
        });
        await this.clocks.close(em, p.caseNo, ['RECTIFICATION'], at, p.outcome, [p.workOrderId]);
        return;
      }
      case TOPICS.BAD_REVIEW_CLOSED: {
        const p = e.payload;
        const at = new Date(p.closedAt);
        await this.ratings.recordClosure(em, {
          workOrderId: p.workOrderId,
          reviewId: p.reviewId,
          caseNo: p.caseNo,
          deptCode: p.deptCode,
          closure: p.closure,
          raterSatisfied: p.raterSatisfied ?? null,
          closedAt: at,
        });
        await this.clocks.close(em, p.caseNo, ['RECTIFICATION'], at, p.closure, [p.workOrderId]);
        return;
      }
    }
  }
}

/** When the licence was issued: the event's time, else the start of its issue date (Asia/Shanghai). */
function issuedAt(eventTime: string, issueDate: string): Date {
  const t = Date.parse(eventTime);
  return Number.isNaN(t) ? new Date(`${issueDate}T00:00:00+08:00`) : new Date(t);
}
