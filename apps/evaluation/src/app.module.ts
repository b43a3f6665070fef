import { Module } from '@nestjs/common';
import { ServiceConfig } from '@app/shared/config';
import { DatabaseModule } from '@app/shared/database';
import { PlatformModule } from '@app/shared/platform';
import { KafkaModule } from '@app/shared/kafka';
import { BadReviewHistoryEntity } from './bad-reviews/entities/bad-review-history.entity';
import { BadReviewOrderEntity } from './bad-reviews/entities/bad-review-order.entity';
import { EvaluationConfig } from './config/evaluation.config';
import { EvaluationSchema1732400000400 } from './migrations/1732400000400-evaluation-schema';
import { BadReviewLifecycle1732400000410 } from './migrations/1732400000410-bad-review-lifecycle';
import { RatableCaseEntity } from './reviews/entities/ratable-case.entity';
import { ReviewEntity } from './reviews/entities/review.entity';
import { ReviewsModule } from './reviews/reviews.module';

export const EVALUATION_SERVICE = 'evaluation';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: EVALUATION_SERVICE,
      config: EvaluationConfig,
      configBindings: [ServiceConfig],
    }),
    DatabaseModule.forRoot({
      entities: [RatableCaseEntity, ReviewEntity, BadReviewOrderEntity, BadReviewHistoryEntity],
      migrations: [EvaluationSchema1732400000400, BadReviewLifecycle1732400000410],
    }),
    KafkaModule.forRoot(EVALUATION_SERVICE),
    ReviewsModule,
  ],
})
export class AppModule {}
