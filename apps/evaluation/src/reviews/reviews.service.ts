import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Page } from '@app/shared/database';
import { ListBadReviewsQuery, SubmitReviewDto } from './dto/reviews.dto';
import { Principal, ROLES } from '@app/shared/auth';
import { CalendarNotCoveredError, WorkCalendar } from '@app/shared/calendar';
import { CaseCompletedV1, TOPICS } from '@app/shared/contracts';
import { paginate } from '@app/shared/database';
import { DomainError } from '@app/shared/errors';
import { OutboxRelay, OutboxService } from '@app/shared/kafka';
import { EvaluationConfig } from '../config/evaluation.config';
import { BadReviewOrderEntity } from './entities/bad-review-order.entity';
import { RatableCaseEntity } from './entities/ratable-case.entity';
import { ReviewEntity } from './entities/review.entity';

export const STAGE_COMPLETED = 'COMPLETED';
export const BAD_REVIEW_CREATED = 'BAD_REVIEW_CREATED';

function toReviewView(r: ReviewEntity, order?: BadReviewOrderEntity | null) {
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
    workOrder: order ? toOrderView(order) : null,
  };
}

function toOrderView(o: BadReviewOrderEntity) {
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

const isUniqueViolation = (e: unknown): boolean =>
  e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505';

@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
    private readonly calendar: WorkCalendar,
    private readonly config: EvaluationConfig,
  ) {}

  /** Projection of a completed case (inside the consumer's transaction). */
  async recordCompleted(em: EntityManager, e: CaseCompletedV1): Promise<void> {
    const completedAt = new Date(e.completedAt);
    await em
      .createQueryBuilder()
      .insert()
      .into(RatableCaseEntity)
      .values({
        caseNo: e.caseNo,
        itemCode: e.itemCode,
        itemName: e.itemName,
        deptCode: e.deptCode,
        deptName: e.deptName,
        applicantSub: e.applicantSub,
        projectType: e.projectType,
        doneResult: e.doneResult,
        completedAt,
        ratingDeadline: new Date(completedAt.getTime() + this.config.RATING_WINDOW_DAYS * 86_400_000),
      })
      .orIgnore()
      .execute();
  }

  async submit(user: Principal, dto: SubmitReviewDto) {
    const c = await this.db.getRepository(RatableCaseEntity).findOneBy({ caseNo: dto.caseNo });
    if (!c) throw new DomainError('CASE_NOT_RATABLE', undefined, { caseNo: dto.caseNo });
    if (c.applicantSub !== user.sub) {
      throw new DomainError('CASE_NOT_FOUND', undefined, { caseNo: dto.caseNo });
    }
    const now = new Date();
    if (now > c.ratingDeadline) {
      throw new DomainError('CASE_NOT_RATABLE', '评价期已过 / The rating window has closed', {
        ratingDeadline: c.ratingDeadline.toISOString(),
      });
    }
    const comment = dto.comment?.trim() || null;
    if (dto.satisfaction <= 2 && !comment) {
      throw new DomainError('COMMENT_REQUIRED', undefined, { satisfaction: dto.satisfaction });
    }
    let rectifyDueDate: string | null = null;
    if (dto.satisfaction <= 2) {
      try {
        rectifyDueDate = this.calendar.addWorkingDays(
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
    try {
      const { review, order } = await this.db.transaction(async (em) => {
        const review = em.create(ReviewEntity, {
          caseNo: c.caseNo,
          stage: STAGE_COMPLETED,
          satisfaction: dto.satisfaction,
          pf: dto.pf,
          comment,
          evalDetail: dto.evalDetail ?? [],
          assessNumber: 1,
          raterSub: user.sub,
        });
        await em.save(review);
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
        let order: BadReviewOrderEntity | null = null;
        if (rectifyDueDate) {
          order = em.create(BadReviewOrderEntity, {
            reviewId: review.id,
            caseNo: c.caseNo,
            deptCode: c.deptCode,
            satisfaction: review.satisfaction,
            status: BAD_REVIEW_CREATED,
            rectifyDueDate,
          });
          await em.save(order);
          await this.outbox.add(em, TOPICS.BAD_REVIEW_OPENED, c.caseNo, {
            workOrderId: order.id,
            reviewId: review.id,
            caseNo: c.caseNo,
            deptCode: c.deptCode,
            satisfaction: review.satisfaction,
            rectifyDueDate,
            openedAt: order.createdAt.toISOString(),
          });
        }
        return { review, order };
      });
      this.relay.poke();
      return toReviewView(review, order);
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new DomainError('ALREADY_RATED', undefined, { caseNo: c.caseNo, stage: STAGE_COMPLETED });
      }
      throw e;
    }
  }

  async forCase(user: Principal, caseNo: string) {
    const c = await this.db.getRepository(RatableCaseEntity).findOneBy({ caseNo });
    const staff =
      user.roles.includes(ROLES.ADMIN) ||
      (c !== null &&
        user.dept === c.deptCode &&
        (user.roles.includes(ROLES.CLERK) || user.roles.includes(ROLES.APPROVER)));
    if (!c || (!staff && c.applicantSub !== user.sub)) {
      throw new DomainError('CASE_NOT_FOUND', undefined, { caseNo });
    }
    const reviews = await this.db
      .getRepository(ReviewEntity)
      .find({ where: { caseNo }, order: { createdAt: 'ASC' } });
    const orders = await this.db.getRepository(BadReviewOrderEntity).find({ where: { caseNo } });
    return {
      caseNo,
      ratingDeadline: c.ratingDeadline.toISOString(),
      reviews: reviews.map((r) => toReviewView(r, orders.find((o) => o.reviewId === r.id) ?? null)),
    };
  }

  async badReviews(user: Principal, q: ListBadReviewsQuery): Promise<Page<ReturnType<typeof toOrderView>>> {
    const qb = this.db.getRepository(BadReviewOrderEntity).createQueryBuilder('o');
    if (!user.roles.includes(ROLES.ADMIN)) qb.where('o.dept_code = :dept', { dept: user.dept ?? '-' });
    if (q.status) qb.andWhere('o.status = :status', { status: q.status });
    return paginate(qb, q, { by: 'o.created_at', direction: 'DESC' }, toOrderView);
  }
}
