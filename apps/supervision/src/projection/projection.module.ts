import { Module } from '@nestjs/common';
import { WorkCalendar } from '@app/shared/calendar';
import { workCalendarProvider } from '@app/shared/platform';
import { ClockRepository } from './repositories/clock.repository';
import { RatingFactRepository } from './repositories/rating-fact.repository';
import { SupervisedCaseRepository } from './repositories/supervised-case.repository';
import {
  ApprovalEventsConsumer,
  BundleEventsConsumer,
  IntakeEventsConsumer,
  OutcomeEventsConsumer,
} from './supervision-events.consumer';
import { BundleRepository } from './repositories/bundle.repository';
import { ProjectBundleEventUseCase } from './use-cases/project-event/project-bundle-event.use-case';
import { ProjectApprovalEventUseCase } from './use-cases/project-event/project-approval-event.use-case';
import { ProjectIntakeEventUseCase } from './use-cases/project-event/project-intake-event.use-case';
import { ProjectOutcomeEventUseCase } from './use-cases/project-event/project-outcome-event.use-case';

/** The read model: every event that carries a clock or a number, projected once. */
@Module({
  controllers: [IntakeEventsConsumer, ApprovalEventsConsumer, OutcomeEventsConsumer, BundleEventsConsumer],
  providers: [
    workCalendarProvider(),
    SupervisedCaseRepository,
    ClockRepository,
    RatingFactRepository,
    BundleRepository,
    ProjectBundleEventUseCase,
    ProjectIntakeEventUseCase,
    ProjectApprovalEventUseCase,
    ProjectOutcomeEventUseCase,
  ],
  exports: [WorkCalendar, SupervisedCaseRepository, ClockRepository],
})
export class ProjectionModule {}
