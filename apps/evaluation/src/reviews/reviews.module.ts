import { Module } from '@nestjs/common';
import { WorkCalendar } from '@app/shared/calendar';
import { CaseCompletedConsumer } from './case-completed.consumer';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

@Module({
  controllers: [ReviewsController, CaseCompletedConsumer],
  providers: [ReviewsService, { provide: WorkCalendar, useFactory: () => new WorkCalendar() }],
})
export class ReviewsModule {}
