import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { CaseReviewsView, ReviewView, WorkOrderView } from '../../dto/review.response.dto';
import { BadReviewOrderRepository } from '../../repositories/bad-review-order.repository';
import { RatableCaseRepository } from '../../repositories/ratable-case.repository';
import { ReviewRepository } from '../../repositories/review.repository';
import { ReviewsPolicy } from '../../reviews.policy';

/** The read side: the reviews of one case, and pages of 差评整改 work orders. */
@Injectable()
export class ReviewQueries {
  constructor(
    private readonly cases: RatableCaseRepository,
    private readonly reviews: ReviewRepository,
    private readonly orders: BadReviewOrderRepository,
    private readonly policy: ReviewsPolicy,
  ) {}

  async forCase(user: Principal, caseNo: string): Promise<CaseReviewsView> {
    const c = this.policy.visible(user, await this.cases.findByCaseNo(caseNo), caseNo);
    const [reviews, orders] = await Promise.all([this.reviews.forCase(caseNo), this.orders.forCase(caseNo)]);
    return {
      caseNo,
      ratingDeadline: c.ratingDeadline.toISOString(),
      reviews: reviews.map((r) => ReviewView.of(r, orders.find((o) => o.reviewId === r.id) ?? null)),
    };
  }

  async badReviews(
    user: Principal,
    q: { page: number; pageSize: number; status?: string },
  ): Promise<Page<WorkOrderView>> {
    const page = await this.orders.page({ dept: this.policy.workOrderScope(user), status: q.status }, q);
    return { ...page, items: page.items.map((o) => WorkOrderView.of(o)) };
  }
}
