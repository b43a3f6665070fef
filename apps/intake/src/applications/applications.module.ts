import { Module } from '@nestjs/common';
import { workCalendarProvider } from '@app/shared/platform';
import { CatalogModule } from '../catalog/catalog.module';
import { ApplicationsController } from './applications.controller';
import { CaseLifeController } from './case-life.controller';
import { FeedbackController } from './feedback.controller';
import { OverdueReceiptSweeper } from './overdue-receipt-sweeper';
import { FeedbackQueries } from './queries/feedback-queries.service';
import { CaseFeedbackRepository } from './repositories/case-feedback.repository';
import { AnswerFeedbackUseCase } from './use-cases/answer-feedback/answer-feedback.use-case';
import { FlagOverdueReceiptsUseCase } from './use-cases/flag-overdue-receipts/flag-overdue-receipts.use-case';
import { RaiseFeedbackUseCase } from './use-cases/raise-feedback/raise-feedback.use-case';
import { ApplicationsPolicy } from './applications.policy';
import { CaseChanges } from './case-changes';
import { CaseEvents } from './case-events';
import { CaseWatchEvents } from './case-watch-events';
import { RefusalConfirmationSweeper } from './refusal-confirmation-sweeper';
import { FlagOverdueRefusalsUseCase } from './use-cases/flag-overdue-refusals/flag-overdue-refusals.use-case';
import { CaseEventsConsumer } from './case-events.consumer';
import { CaseQueries } from './queries/case-queries.service';
import { CaseRepository } from './repositories/case.repository';
import { AcceptApplicationUseCase } from './use-cases/accept-application/accept-application.use-case';
import { CompleteCaseUseCase } from './use-cases/complete-case/complete-case.use-case';
import { RecordApprovalProgressUseCase } from './use-cases/record-approval-progress/record-approval-progress.use-case';
import { RecordResumptionUseCase } from './use-cases/record-resumption/record-resumption.use-case';
import { RecordSuspensionUseCase } from './use-cases/record-suspension/record-suspension.use-case';
import { CaseLifeRepository } from './repositories/case-life.repository';
import { SupplementSweeper } from './supplement-sweeper';
import { ConfirmRefusalUseCase } from './use-cases/confirm-refusal/confirm-refusal.use-case';
import { ExpireSupplementsUseCase } from './use-cases/expire-supplements/expire-supplements.use-case';
import { OverturnRefusalUseCase } from './use-cases/overturn-refusal/overturn-refusal.use-case';
import { ProposeRefusalUseCase } from './use-cases/propose-refusal/propose-refusal.use-case';
import { RequestSupplementUseCase } from './use-cases/request-supplement/request-supplement.use-case';
import { SupplementApplicationUseCase } from './use-cases/supplement-application/supplement-application.use-case';
import { WithdrawApplicationUseCase } from './use-cases/withdraw-application/withdraw-application.use-case';
import { SubmitApplicationUseCase } from './use-cases/submit-application/submit-application.use-case';
import { ObligationsController } from './obligations.controller';
import { ObligationsSweeper } from './obligations-sweeper';
import { PauseCloser } from './pause-closer';
import { PostCheckQueries } from './queries/post-check-queries.service';
import { ObligationsRepository } from './repositories/obligations.repository';
import { ExpireOwedMaterialsUseCase } from './use-cases/expire-owed-materials/expire-owed-materials.use-case';
import { FlagOverduePostChecksUseCase } from './use-cases/flag-overdue-post-checks/flag-overdue-post-checks.use-case';
import { RecordPostCheckUseCase } from './use-cases/record-post-check/record-post-check.use-case';
import { SupplyOwedMaterialsUseCase } from './use-cases/supply-owed-materials/supply-owed-materials.use-case';

@Module({
  imports: [CatalogModule],
  // FeedbackController first: its GET /applications/feedback must not be taken for a case number.
  controllers: [
    FeedbackController,
    ObligationsController,
    ApplicationsController,
    CaseLifeController,
    CaseEventsConsumer,
  ],
  providers: [
    workCalendarProvider(),
    ApplicationsPolicy,
    CaseRepository,
    CaseEvents,
    CaseWatchEvents,
    CaseQueries,
    CaseChanges,
    SubmitApplicationUseCase,
    AcceptApplicationUseCase,
    CaseLifeRepository,
    PauseCloser,
    ProposeRefusalUseCase,
    ConfirmRefusalUseCase,
    OverturnRefusalUseCase,
    RequestSupplementUseCase,
    SupplementApplicationUseCase,
    WithdrawApplicationUseCase,
    ExpireSupplementsUseCase,
    SupplementSweeper,
    CompleteCaseUseCase,
    RecordApprovalProgressUseCase,
    RecordSuspensionUseCase,
    RecordResumptionUseCase,
    CaseFeedbackRepository,
    FeedbackQueries,
    RaiseFeedbackUseCase,
    AnswerFeedbackUseCase,
    FlagOverdueReceiptsUseCase,
    OverdueReceiptSweeper,
    FlagOverdueRefusalsUseCase,
    RefusalConfirmationSweeper,
    ObligationsRepository,
    SupplyOwedMaterialsUseCase,
    ExpireOwedMaterialsUseCase,
    RecordPostCheckUseCase,
    FlagOverduePostChecksUseCase,
    PostCheckQueries,
    ObligationsSweeper,
  ],
  // 一件事 bundles (bundles/) file and withdraw their member cases through these use cases.
  exports: [SubmitApplicationUseCase, WithdrawApplicationUseCase],
})
export class ApplicationsModule {}
