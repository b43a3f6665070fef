import { Module } from '@nestjs/common';
import { workCalendarProvider } from '@app/shared/platform';
import { CaseCompletedConsumer } from './case-completed.consumer';
import { BadReviewOrderRepository } from './repositories/bad-review-order.repository';
import { RatableCaseRepository } from './repositories/ratable-case.repository';
import { ReviewRepository } from './repositories/review.repository';
import { ReviewsController } from './reviews.controller';
import { ReviewsPolicy } from './reviews.policy';
import { RecordCompletedCaseUseCase } from './use-cases/record-completed-case/record-completed-case.use-case';
import { ReviewQueries } from './use-cases/review-queries/review-queries.use-case';
import { SubmitReviewUseCase } from './use-cases/submit-review/submit-review.use-case';

@Module({
  controllers: [ReviewsController, CaseCompletedConsumer],
  providers: [
    workCalendarProvider(),
    RatableCaseRepository,
    ReviewRepository,
    BadReviewOrderRepository,
    ReviewsPolicy,
    RecordCompletedCaseUseCase,
    SubmitReviewUseCase,
    ReviewQueries,
  ],
})
export class ReviewsModule {}
