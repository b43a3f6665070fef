import { Module } from '@nestjs/common';
import { ServiceConfig } from '@app/shared/config';
import { DatabaseModule } from '@app/shared/database';
import { PlatformModule } from '@app/shared/platform';
import { KafkaModule } from '@app/shared/kafka';
import { ApprovalsModule } from './approvals/approvals.module';
import { ClockModule } from './approvals/clock';
import { SpecialProcedureEntity } from './approvals/entities/special-procedure.entity';
import { ChiefAuthorisationEntity } from './authorisations/chief-authorisation.entity';
import { DelegationEntity } from './authorisations/delegation.entity';
import { WorkflowDefinitionEntity } from './workflows/workflow-definition.entity';
import { ApprovalProcedures1732400000210 } from './migrations/1732400000210-approval-procedures';
import { ApprovalCaseEntity } from './approvals/entities/approval-case.entity';
import { ApprovalAuditEntity } from './approvals/entities/audit.entity';
import { ApprovalConfig } from './config/approval.config';
import { ApprovalSchema1732400000200 } from './migrations/1732400000200-approval-schema';
import { ApprovalWithdrawn1732400000220 } from './migrations/1732400000220-approval-withdrawn';
import { WithdrawnBeforeOpening1732400000230 } from './migrations/1732400000230-withdrawn-before-opening';
import { Delegations1732400000240 } from './migrations/1732400000240-delegations';
import { OwedMaterials1732400000250 } from './migrations/1732400000250-owed-materials';
import { PromiseUnit1732400000260 } from './migrations/1732400000260-promise-unit';
import { ChiefHolder1732400000270 } from './migrations/1732400000270-chief-holder';

export const APPROVAL_SERVICE = 'approval';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: APPROVAL_SERVICE,
      config: ApprovalConfig,
      configBindings: [ServiceConfig],
    }),
    DatabaseModule.forRoot({
      entities: [
        ApprovalCaseEntity,
        ApprovalAuditEntity,
        WorkflowDefinitionEntity,
        ChiefAuthorisationEntity,
        SpecialProcedureEntity,
        DelegationEntity,
      ],
      migrations: [
        ApprovalSchema1732400000200,
        ApprovalProcedures1732400000210,
        ApprovalWithdrawn1732400000220,
        WithdrawnBeforeOpening1732400000230,
        Delegations1732400000240,
        OwedMaterials1732400000250,
        PromiseUnit1732400000260,
        ChiefHolder1732400000270,
      ],
    }),
    KafkaModule.forRoot(APPROVAL_SERVICE),
    ClockModule,
    ApprovalsModule,
  ],
})
export class AppModule {}
