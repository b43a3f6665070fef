import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { CalendarNotCoveredError, WorkCalendar } from '@app/shared/calendar';
import { TOPICS } from '@app/shared/contracts';
import { DomainError } from '@app/shared/errors';
import { OutboxRelay, OutboxService } from '@app/shared/kafka';
import { BadReviewOrderEntity } from '../../../bad-reviews/entities/bad-review-order.entity';
import { BadReviewOrderRepository } from '../../../bad-reviews/repositories/bad-review-order.repository';
import { EvaluationConfig } from '../../../config/evaluation.config';
import { ReviewView } from '../../dto/review.response.dto';
import { RatableCaseEntity } from '../../entities/ratable-case.entity';
import { ReviewEntity } from '../../entities/review.entity';
import { RatableCaseRepository } from '../../repositories/ratable-case.repository';
import { DuplicateReviewError, ReviewRepository } from '../../repositories/review.repository';
import { ReviewsPolicy } from '../../reviews.policy';

export const STAGE_COMPLETED = 'COMPLETED';
/** Grades 1 (非常不满意) and 2 (不满意) are bad reviews: a comment is required and a work order opens. */
export const BAD_GRADE_MAX = 2;

export interface SubmitReviewCommand {
  caseNo: string;
  satisfaction: number;
  pf: string;
  comment?: string;
  evalDetail?: string[];
}

/**
 * The applicant rates a completed case within its rating window, once per stage. A bad grade needs a
 * comment and opens a 差评整改 work order due RECTIFY_DEADLINE_WORKDAYS working days later, ASSIGNED at once
 * to the case's department (转办 is automatic).
 */
@Injectable()
export class SubmitReviewUseCase {
  constructor(
    private readonly cases: RatableCaseRepository,
    private readonly reviews: ReviewRepository,
    private readonly orders: BadReviewOrderRepository,
    private readonly policy: ReviewsPolicy,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
    private readonly calendar: WorkCalendar,
    private readonly config: EvaluationConfig,
  ) {}

  async execute(user: Principal, cmd: SubmitReviewCommand): Promise<ReviewView> {
    const c = this.policy.ratable(user, await this.cases.findByCaseNo(cmd.caseNo), cmd.caseNo);
    const now = new Date();
    if (now > c.ratingDeadline) {
      throw new DomainError('CASE_NOT_RATABLE', '评价期已过 / The rating window has closed', {
        ratingDeadline: c.ratingDeadline.toISOString(),
      });
    }
    const bad = cmd.satisfaction <= BAD_GRADE_MAX;
    const comment = cmd.comment?.trim() || null;
    if (bad && !comment) {
      throw new DomainError('COMMENT_REQUIRED', undefined, { satisfaction: cmd.satisfaction });
    }
    const rectifyDueDate = bad ? this.rectifyDueDate(now) : null;
    try {
      const { review, order } = await this.reviews.transaction(async (em) => {
        const review = await this.reviews.insert(em, {
          caseNo: c.caseNo,
          stage: STAGE_COMPLETED,
          satisfaction: cmd.satisfaction,
          pf: cmd.pf,
          comment,
          evalDetail: cmd.evalDetail ?? [],
          assessNumber: 1,
          raterSub: user.sub,
        });
        await this.outbox.add(em, TOPICS.REVIEW_SUBMITTED, c.caseNo, {
          reviewId: review.id,
          caseNo: c.caseNo,
          itemCode: c.itemCode,
          deptCode: c.deptCode,
          satisfaction: review.satisfaction,
          pf: review.pf,
          assessNumber: 1,
          assessTime: review.createdAt.toISOString(),
        });
        const order = rectifyDueDate ? await this.openWorkOrder(em, c, review, rectifyDueDate) : null;
        return { review, order };
      });
      this.relay.poke();
      return ReviewView.of(review, order);
    } catch (e) {
      if (e instanceof DuplicateReviewError) {
        throw new DomainError('ALREADY_RATED', undefined, { caseNo: c.caseNo, stage: STAGE_COMPLETED });
      }
      throw e;
    }
  }

  private rectifyDueDate(now: Date): string {
    try {
      return this.calendar.addWorkingDays(
        this.calendar.toShanghaiDate(now),
        this.config.RECTIFY_DEADLINE_WORKDAYS,
      );
    } catch (e) {
      if (e instanceof CalendarNotCoveredError) {
        throw new DomainError('CALENDAR_NOT_COVERED', undefined, { year: e.year });
      }
      throw e;
    }
  }

  private async openWorkOrder(
    em: EntityManager,
    c: RatableCaseEntity,
    review: ReviewEntity,
    rectifyDueDate: string,
  ): Promise<BadReviewOrderEntity> {
    const order = await this.orders.open(em, {
      reviewId: review.id,
      caseNo: c.caseNo,
      deptCode: c.deptCode,
      satisfaction: review.satisfaction,
      rectifyDueDate,
    });
    await this.outbox.add(em, TOPICS.BAD_REVIEW_OPENED, c.caseNo, {
      workOrderId: order.id,
      reviewId: review.id,
      caseNo: c.caseNo,
      deptCode: c.deptCode,
      satisfaction: review.satisfaction,
      rectifyDueDate,
      openedAt: order.createdAt.toISOString(),
    });
    return order;
  }
}
