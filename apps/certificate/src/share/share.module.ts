import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LicencesModule } from '../licences/licences.module';
import { ShareClientEntity } from './entities/share-client.entity';
import { ShareDownloadLinkEntity } from './entities/share-download-link.entity';
import { ShareTokenEntity } from './entities/share-token.entity';
import { ShareClientRepository } from './repositories/share-client.repository';
import { ShareDownloadLinkRepository } from './repositories/share-download-link.repository';
import { ShareTokenRepository } from './repositories/share-token.repository';
import { ShareClientsController } from './share-clients.controller';
import { ShareGate } from './share-gate';
import { ShareController } from './share.controller';
import { CreateDownloadUrlUseCase } from './use-cases/create-download-url/create-download-url.use-case';
import { CreateShareClientUseCase } from './use-cases/create-share-client/create-share-client.use-case';
import { DisableShareClientUseCase } from './use-cases/disable-share-client/disable-share-client.use-case';
import { DownloadSharedFileUseCase } from './use-cases/download-shared-file/download-shared-file.use-case';
import { GetCertRemarkInfoUseCase } from './use-cases/get-cert-remark-info/get-cert-remark-info.use-case';
import { IssueShareTokenUseCase } from './use-cases/issue-share-token/issue-share-token.use-case';
import { QueryCertInfoByHolderCodeUseCase } from './use-cases/query-cert-info-by-holder-code/query-cert-info-by-holder-code.use-case';
import { QueryCertInfoByQrcodeUseCase } from './use-cases/query-cert-info-by-qrcode/query-cert-info-by-qrcode.use-case';
import { QueryCertInfoUseCase } from './use-cases/query-cert-info/query-cert-info.use-case';
import { RotateShareClientSecretUseCase } from './use-cases/rotate-share-client-secret/rotate-share-client-secret.use-case';
import { ShareClientQueries } from './use-cases/share-client-queries/share-client-queries.use-case';
import { UpdateShareClientUseCase } from './use-cases/update-share-client/update-share-client.use-case';
import { VerifyCertInfoUseCase } from './use-cases/verify-cert-info/verify-cert-info.use-case';
import { VerifyShareFileUseCase } from './use-cases/verify-share-file/verify-share-file.use-case';

/**
 * 证照共享 for partner departments (issue 10 part 2): the partner clients' admin API and the provincial
 * interface they call. Partner clients live in certificate (not the gateway's database, as DESIGN.md
 * first placed them) because what they may see — licence types — is certificate data, and a route is
 * declared once, in the service that owns it.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ShareClientEntity, ShareTokenEntity, ShareDownloadLinkEntity]),
    LicencesModule,
  ],
  controllers: [ShareClientsController, ShareController],
  providers: [
    ShareClientRepository,
    ShareTokenRepository,
    ShareDownloadLinkRepository,
    ShareGate,
    CreateShareClientUseCase,
    ShareClientQueries,
    UpdateShareClientUseCase,
    DisableShareClientUseCase,
    RotateShareClientSecretUseCase,
    IssueShareTokenUseCase,
    QueryCertInfoUseCase,
    QueryCertInfoByHolderCodeUseCase,
    QueryCertInfoByQrcodeUseCase,
    VerifyCertInfoUseCase,
    VerifyShareFileUseCase,
    CreateDownloadUrlUseCase,
    GetCertRemarkInfoUseCase,
    DownloadSharedFileUseCase,
  ],
})
export class ShareModule {}
