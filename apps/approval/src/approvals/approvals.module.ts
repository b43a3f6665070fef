import { Module } from '@nestjs/common';
import { AcceptedConsumer } from './accepted.consumer';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsPolicy } from './approvals.policy';
import { ApprovalCaseRepository } from './repositories/approval-case.repository';
import { ApprovalQueries } from './use-cases/approval-queries/approval-queries.use-case';
import { CloseApprovalUseCase } from './use-cases/close-approval/close-approval.use-case';
import { DecideStepUseCase } from './use-cases/decide-step/decide-step.use-case';
import { OpenApprovalUseCase } from './use-cases/open-approval/open-approval.use-case';

@Module({
  controllers: [ApprovalsController, AcceptedConsumer],
  providers: [
    ApprovalCaseRepository,
    ApprovalsPolicy,
    ApprovalQueries,
    CloseApprovalUseCase,
    OpenApprovalUseCase,
    DecideStepUseCase,
  ],
})
export class ApprovalsModule {}
