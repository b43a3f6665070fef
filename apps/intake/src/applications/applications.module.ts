import { Module } from '@nestjs/common';
import { workCalendarProvider } from '@app/shared/platform';
import { CatalogModule } from '../catalog/catalog.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsPolicy } from './applications.policy';
import { CaseChanges } from './case-changes';
import { CaseEvents } from './case-events';
import { CaseEventsConsumer } from './case-events.consumer';
import { CaseQueries } from './queries/case-queries.service';
import { CaseRepository } from './repositories/case.repository';
import { AcceptApplicationUseCase } from './use-cases/accept-application/accept-application.use-case';
import { CompleteCaseUseCase } from './use-cases/complete-case/complete-case.use-case';
import { RecordApprovalProgressUseCase } from './use-cases/record-approval-progress/record-approval-progress.use-case';
import { RejectApplicationUseCase } from './use-cases/reject-application/reject-application.use-case';
import { SubmitApplicationUseCase } from './use-cases/submit-application/submit-application.use-case';

@Module({
  imports: [CatalogModule],
  controllers: [ApplicationsController, CaseEventsConsumer],
  providers: [
    workCalendarProvider(),
    ApplicationsPolicy,
    CaseRepository,
    CaseEvents,
    CaseQueries,
    CaseChanges,
    SubmitApplicationUseCase,
    AcceptApplicationUseCase,
    RejectApplicationUseCase,
    CompleteCaseUseCase,
    RecordApprovalProgressUseCase,
  ],
})
export class ApplicationsModule {}
