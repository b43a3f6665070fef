import { Module } from '@nestjs/common';
import { BadReviewsController } from './bad-reviews.controller';
import { BadReviewsPolicy } from './bad-reviews.policy';
import { BadReviewOrderRepository } from './repositories/bad-review-order.repository';
import { AppealBadReviewUseCase } from './use-cases/appeal-bad-review/appeal-bad-review.use-case';
import { BadReviewQueries } from './use-cases/bad-review-queries/bad-review-queries.use-case';
import { DecideBadReviewAppealUseCase } from './use-cases/decide-bad-review-appeal/decide-bad-review-appeal.use-case';
import { ExplainBadReviewUseCase } from './use-cases/explain-bad-review/explain-bad-review.use-case';
import { FollowUpBadReviewUseCase } from './use-cases/follow-up-bad-review/follow-up-bad-review.use-case';
import { RectifyBadReviewUseCase } from './use-cases/rectify-bad-review/rectify-bad-review.use-case';
import { VerifyBadReviewUseCase } from './use-cases/verify-bad-review/verify-bad-review.use-case';
import { WorkOrderTransitions } from './work-order-transitions.service';

/** 差评整改 work orders: opened by a bad review (reviews feature), then verified, rectified and followed up. */
@Module({
  controllers: [BadReviewsController],
  providers: [
    BadReviewOrderRepository,
    BadReviewsPolicy,
    WorkOrderTransitions,
    BadReviewQueries,
    VerifyBadReviewUseCase,
    RectifyBadReviewUseCase,
    ExplainBadReviewUseCase,
    AppealBadReviewUseCase,
    DecideBadReviewAppealUseCase,
    FollowUpBadReviewUseCase,
  ],
  exports: [BadReviewOrderRepository],
})
export class BadReviewsModule {}
