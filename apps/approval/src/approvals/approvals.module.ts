import { Module } from '@nestjs/common';
import { workCalendarProvider } from '@app/shared/platform';
import { AuthorisationsModule } from '../authorisations/authorisations.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { AcceptedConsumer } from './accepted.consumer';
import { WithdrawnConsumer } from './withdrawn.consumer';
import { OwedMaterialsConsumer } from './owed-materials.consumer';
import { RecordOwedSupplyUseCase } from './use-cases/record-owed-supply/record-owed-supply.use-case';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsPolicy } from './approvals.policy';
import { ApprovalCaseRepository } from './repositories/approval-case.repository';
import { ApprovalQueries } from './use-cases/approval-queries/approval-queries.use-case';
import { ChiefDecisionUseCase } from './use-cases/chief-decision/chief-decision.use-case';
import { CloseApprovalUseCase } from './use-cases/close-approval/close-approval.use-case';
import { DecideStepUseCase } from './use-cases/decide-step/decide-step.use-case';
import { OpenApprovalUseCase } from './use-cases/open-approval/open-approval.use-case';
import { ReturnStepUseCase } from './use-cases/return-step/return-step.use-case';
import { SpecialProceduresUseCase } from './use-cases/special-procedures/special-procedures.use-case';
import { StopApprovalUseCase } from './use-cases/stop-approval/stop-approval.use-case';

@Module({
  imports: [WorkflowsModule, AuthorisationsModule],
  controllers: [ApprovalsController, AcceptedConsumer, WithdrawnConsumer, OwedMaterialsConsumer],
  providers: [
    workCalendarProvider(),
    ApprovalCaseRepository,
    ApprovalsPolicy,
    ApprovalQueries,
    CloseApprovalUseCase,
    OpenApprovalUseCase,
    DecideStepUseCase,
    ChiefDecisionUseCase,
    ReturnStepUseCase,
    SpecialProceduresUseCase,
    StopApprovalUseCase,
    RecordOwedSupplyUseCase,
  ],
})
export class ApprovalsModule {}
