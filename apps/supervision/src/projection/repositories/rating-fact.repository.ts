import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BadReviewFactEntity, ReviewFactEntity } from '../entities/rating.entity';

type OrderRef = Pick<BadReviewFactEntity, 'workOrderId' | 'reviewId' | 'caseNo' | 'deptCode'>;

/** When a work order stopped its 整改 clock (rectified, explained or voided), if it has. */
export interface OrderEnd {
  at: Date;
  reason: string;
}

/**
 * Ratings and 差评整改 work orders as evaluation published them (one row per id, whatever the redelivery).
 * A work order's events come on three topics, so each write is an upsert that fills only what is still
 * unset: the first answer stands, and any arrival order gives the same row.
 */
@Injectable()
export class RatingFactRepository {
  async addReview(em: EntityManager, values: ReviewFactEntity): Promise<void> {
    await em.createQueryBuilder().insert().into(ReviewFactEntity).values(values).orIgnore().execute();
  }

  /** Records the opened work order; returns how its clock already ended when a later event came first. */
  async addBadReview(
    em: EntityManager,
    v: OrderRef & { satisfaction: number; rectifyDueDate: string; openedAt: Date },
  ): Promise<OrderEnd | null> {
    const [row] = await em.query<
      Array<{
        outcome: string | null;
        rectified_at: Date | null;
        closure: string | null;
        closed_at: Date | null;
      }>
    >(
      `INSERT INTO sup_bad_reviews (work_order_id, review_id, case_no, dept_code, satisfaction, rectify_due_date, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (work_order_id) DO UPDATE SET
         satisfaction = COALESCE(sup_bad_reviews.satisfaction, EXCLUDED.satisfaction),
         rectify_due_date = COALESCE(sup_bad_reviews.rectify_due_date, EXCLUDED.rectify_due_date),
         opened_at = COALESCE(sup_bad_reviews.opened_at, EXCLUDED.opened_at)
       RETURNING outcome, rectified_at, closure, closed_at`,
      [v.workOrderId, v.reviewId, v.caseNo, v.deptCode, v.satisfaction, v.rectifyDueDate, v.openedAt],
    );
    if (row?.outcome && row.rectified_at) return { at: row.rectified_at, reason: row.outcome };
    if (row?.closure && row.closed_at) return { at: row.closed_at, reason: row.closure };
    return null;
  }

  /** RECTIFIED or EXPLAINED. */
  async recordOutcome(
    em: EntityManager,
    v: OrderRef & {
      rectifyDueDate: string;
      outcome: string;
      rectificationMode: string | null;
      rectifiedAt: Date;
    },
  ): Promise<void> {
    await em.query(
      `INSERT INTO sup_bad_reviews (work_order_id, review_id, case_no, dept_code, rectify_due_date,
                                    outcome, rectification_mode, rectified_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (work_order_id) DO UPDATE SET
         rectify_due_date = COALESCE(sup_bad_reviews.rectify_due_date, EXCLUDED.rectify_due_date),
         outcome = COALESCE(sup_bad_reviews.outcome, EXCLUDED.outcome),
         rectification_mode = COALESCE(sup_bad_reviews.rectification_mode, EXCLUDED.rectification_mode),
         rectified_at = COALESCE(sup_bad_reviews.rectified_at, EXCLUDED.rectified_at)`,
      [
        v.workOrderId,
        v.reviewId,
        v.caseNo,
        v.deptCode,
        v.rectifyDueDate,
        v.outcome,
        v.rectificationMode,
        v.rectifiedAt,
      ],
    );
  }

  /** FOLLOWED_UP or VOIDED. */
  async recordClosure(
    em: EntityManager,
    v: OrderRef & { closure: string; raterSatisfied: boolean | null; closedAt: Date },
  ): Promise<void> {
    await em.query(
      `INSERT INTO sup_bad_reviews (work_order_id, review_id, case_no, dept_code, closure, rater_satisfied, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (work_order_id) DO UPDATE SET
         closure = COALESCE(sup_bad_reviews.closure, EXCLUDED.closure),
         rater_satisfied = COALESCE(sup_bad_reviews.rater_satisfied, EXCLUDED.rater_satisfied),
         closed_at = COALESCE(sup_bad_reviews.closed_at, EXCLUDED.closed_at)`,
      [v.workOrderId, v.reviewId, v.caseNo, v.deptCode, v.closure, v.raterSatisfied, v.closedAt],
    );
  }
}
