import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { BadReviewOrderRepository } from '../../../bad-reviews/repositories/bad-review-order.repository';
import { CaseReviewsView, ReviewView } from '../../dto/review.response.dto';
import { RatableCaseRepository } from '../../repositories/ratable-case.repository';
import { ReviewRepository } from '../../repositories/review.repository';
import { ReviewsPolicy } from '../../reviews.policy';

/** The read side: the reviews of one case, with the work orders they opened. */
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
}
