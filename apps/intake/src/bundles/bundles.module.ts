import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { CatalogModule } from '../catalog/catalog.module';
import { BundleAdvancer } from './bundle-advancer';
import { BundleCatalog } from './bundle-catalog';
import { BundleDefinitionsController } from './bundle-definitions.controller';
import { BundleEvents } from './bundle-events';
import { BundlesConsumer } from './bundles.consumer';
import { BundlesController } from './bundles.controller';
import { BundlesPolicy } from './bundles.policy';
import { BundleQueries } from './queries/bundle-queries.service';
import { BundleDefinitionRepository } from './repositories/bundle-definition.repository';
import { BundleRepository } from './repositories/bundle.repository';
import { CreateBundleDefinitionUseCase } from './use-cases/create-bundle-definition/create-bundle-definition.use-case';
import { RecordMemberOutcomeUseCase } from './use-cases/record-member-outcome/record-member-outcome.use-case';
import { SubmitBundleUseCase } from './use-cases/submit-bundle/submit-bundle.use-case';
import { UpdateBundleDefinitionUseCase } from './use-cases/update-bundle-definition/update-bundle-definition.use-case';
import { WithdrawBundleUseCase } from './use-cases/withdraw-bundle/withdraw-bundle.use-case';

/** 一件事一次办: bundle definitions, bundle applications and their fan-out to member cases. */
@Module({
  imports: [CatalogModule, ApplicationsModule],
  controllers: [BundleDefinitionsController, BundlesController, BundlesConsumer],
  providers: [
    BundlesPolicy,
    BundleDefinitionRepository,
    BundleRepository,
    BundleCatalog,
    BundleEvents,
    BundleAdvancer,
    BundleQueries,
    CreateBundleDefinitionUseCase,
    UpdateBundleDefinitionUseCase,
    SubmitBundleUseCase,
    RecordMemberOutcomeUseCase,
    WithdrawBundleUseCase,
  ],
})
export class BundlesModule {}
