import { Module } from '@nestjs/common';
import { workCalendarProvider } from '@app/shared/platform';
import { CaseCompletedConsumer } from './case-completed.consumer';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

@Module({
  controllers: [ReviewsController, CaseCompletedConsumer],
  providers: [ReviewsService, workCalendarProvider()],
})
export class ReviewsModule {}
