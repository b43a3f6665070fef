import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApprovedConsumer } from './approved.consumer';
import { PostCheckFailedConsumer } from './post-check-failed.consumer';
import { RevokeLicenceUseCase } from './use-cases/revoke-licence/revoke-licence.use-case';
import { LicenceEntity } from './entities/licence.entity';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { LicenceUsageEntity } from './entities/usage.entity';
import { LicenceWorkerPool } from './licence-worker-pool';
import { LicencesController } from './licences.controller';
import { LicenceRepository } from './repositories/licence.repository';
import { LicenceUsageRepository } from './repositories/licence-usage.repository';
import { SigningKeysService } from './signing-keys.service';
import { DownloadLicenceFileUseCase } from './use-cases/download-licence-file/download-licence-file.use-case';
import { GetLicenceUseCase } from './use-cases/get-licence/get-licence.use-case';
import { IssueLicenceUseCase } from './use-cases/issue-licence/issue-licence.use-case';
import { ListLicenceUsageUseCase } from './use-cases/list-licence-usage/list-licence-usage.use-case';
import { VerifyLicenceFileUseCase } from './use-cases/verify-licence-file/verify-licence-file.use-case';
import { VerifyQrTokenUseCase } from './use-cases/verify-qr-token/verify-qr-token.use-case';
import { LicenceVerifier } from './verification/licence-verifier';

@Module({
  imports: [TypeOrmModule.forFeature([LicenceEntity, SigningKeyEntity, LicenceUsageEntity])],
  controllers: [LicencesController, ApprovedConsumer, PostCheckFailedConsumer],
  providers: [
    LicenceRepository,
    LicenceUsageRepository,
    SigningKeysService,
    LicenceVerifier,
    LicenceWorkerPool,
    IssueLicenceUseCase,
    GetLicenceUseCase,
    DownloadLicenceFileUseCase,
    ListLicenceUsageUseCase,
    VerifyQrTokenUseCase,
    VerifyLicenceFileUseCase,
    RevokeLicenceUseCase,
  ],
  // The 证照共享 interface (share/) reads licences, verifies them and writes the usage log through these.
  exports: [
    LicenceRepository,
    LicenceUsageRepository,
    SigningKeysService,
    LicenceVerifier,
    VerifyLicenceFileUseCase,
  ],
})
export class LicencesModule {}
