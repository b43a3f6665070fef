import { Module } from '@nestjs/common';
import { ServiceConfig } from '@app/shared/config';
import { DatabaseModule } from '@app/shared/database';
import { PlatformModule } from '@app/shared/platform';
import { KafkaModule } from '@app/shared/kafka';
import { ApplicationsModule } from './applications/applications.module';
import { CaseEntity } from './applications/entities/case.entity';
import { TimelineEntryEntity } from './applications/entities/timeline-entry.entity';
import { CasePauseEntity } from './applications/entities/case-pause.entity';
import { CaseFeedbackEntity } from './applications/entities/case-feedback.entity';
import { SupplementNoticeEntity } from './applications/entities/supplement-notice.entity';
import { CommitmentEntity } from './applications/entities/commitment.entity';
import { OwedMaterialEntity } from './applications/entities/owed-material.entity';
import { PostCheckEntity } from './applications/entities/post-check.entity';
import { BundlesModule } from './bundles/bundles.module';
import { BundleDefinitionEntity } from './bundles/entities/bundle-definition.entity';
import { BundleMemberEntity } from './bundles/entities/bundle-member.entity';
import { BundleEntity } from './bundles/entities/bundle.entity';
import { CatalogModule } from './catalog/catalog.module';
import { CatalogAuditEntity } from './catalog/entities/catalog-audit.entity';
import { ServiceItemEntity } from './catalog/entities/service-item.entity';
import { IntakeConfig } from './config/intake.config';
import { IntakeSchema1732400000100 } from './migrations/1732400000100-intake-schema';
import { IntakeConstraints1732400000101 } from './migrations/1732400000101-intake-constraints';
import { CaseIdempotency1732400000102 } from './migrations/1732400000102-case-idempotency';
import { CatalogRules1732400000110 } from './migrations/1732400000110-catalog-rules';
import { CaseLife1732400000120 } from './migrations/1732400000120-case-life';
import { SpecialProcedurePauses1732400000130 } from './migrations/1732400000130-special-procedure-pauses';
import { FeedbackAndArt321732400000140 } from './migrations/1732400000140-feedback-and-art32';
import { DeferralAndCommitment1732400000150 } from './migrations/1732400000150-deferral-and-commitment';
import { Bundles1732400000160 } from './migrations/1732400000160-bundles';
import { CaseVisits1732400000170 } from './migrations/1732400000170-case-visits';
import { RefusalConfirmation1732400000180 } from './migrations/1732400000180-refusal-confirmation';
import { OwedOverdueRule1732400000190 } from './migrations/1732400000190-owed-overdue-rule';

export const INTAKE_SERVICE = 'intake';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: INTAKE_SERVICE,
      config: IntakeConfig,
      configBindings: [ServiceConfig],
    }),
    DatabaseModule.forRoot({
      entities: [
        ServiceItemEntity,
        CatalogAuditEntity,
        CaseEntity,
        TimelineEntryEntity,
        SupplementNoticeEntity,
        CasePauseEntity,
        CaseFeedbackEntity,
        OwedMaterialEntity,
        CommitmentEntity,
        PostCheckEntity,
        BundleDefinitionEntity,
        BundleEntity,
        BundleMemberEntity,
      ],
      migrations: [
        IntakeSchema1732400000100,
        IntakeConstraints1732400000101,
        CaseIdempotency1732400000102,
        CatalogRules1732400000110,
        CaseLife1732400000120,
        SpecialProcedurePauses1732400000130,
        FeedbackAndArt321732400000140,
        DeferralAndCommitment1732400000150,
        Bundles1732400000160,
        CaseVisits1732400000170,
        RefusalConfirmation1732400000180,
        OwedOverdueRule1732400000190,
      ],
    }),
    KafkaModule.forRoot(INTAKE_SERVICE),
    CatalogModule,
    ApplicationsModule,
    BundlesModule,
  ],
})
export class AppModule {}
