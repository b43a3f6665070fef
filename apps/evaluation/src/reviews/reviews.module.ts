import { Module } from '@nestjs/common';
import { workCalendarProvider } from '@app/shared/platform';
import { BadReviewsModule } from '../bad-reviews/bad-reviews.module';
import { CaseCompletedConsumer } from './case-completed.consumer';
import { RatableCaseRepository } from './repositories/ratable-case.repository';
import { ReviewRepository } from './repositories/review.repository';
import { ReviewsController } from './reviews.controller';
import { ReviewsPolicy } from './reviews.policy';
import { RecordCompletedCaseUseCase } from './use-cases/record-completed-case/record-completed-case.use-case';
import { ReviewQueries } from './use-cases/review-queries/review-queries.use-case';
import { SubmitReviewUseCase } from './use-cases/submit-review/submit-review.use-case';

@Module({
  imports: [BadReviewsModule],
  controllers: [ReviewsController, CaseCompletedConsumer],
  providers: [
    workCalendarProvider(),
    RatableCaseRepository,
    ReviewRepository,
    ReviewsPolicy,
    RecordCompletedCaseUseCase,
    SubmitReviewUseCase,
    ReviewQueries,
  ],
})
export class ReviewsModule {}
