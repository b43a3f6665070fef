import { Module } from '@nestjs/common';
import { ServiceConfig } from '@app/shared/config';
import { DatabaseModule } from '@app/shared/database';
import { PlatformModule } from '@app/shared/platform';
import { KafkaModule } from '@app/shared/kafka';
import { CertificateConfig } from './config/certificate.config';
import { LicenceEntity } from './licences/entities/licence.entity';
import { SigningKeyEntity } from './licences/entities/signing-key.entity';
import { LicenceUsageEntity } from './licences/entities/usage.entity';
import { LicencesModule } from './licences/licences.module';
import { CertificateSchema1732400000300 } from './migrations/1732400000300-certificate-schema';
import { LicenceRevocation1732400000310 } from './migrations/1732400000310-licence-revocation';
import { ShareClients1732400000320 } from './migrations/1732400000320-share-clients';
import { LicenceFileStorage1732400000330 } from './migrations/1732400000330-licence-file-storage';
import { ShareClientEntity } from './share/entities/share-client.entity';
import { ShareDownloadLinkEntity } from './share/entities/share-download-link.entity';
import { ShareTokenEntity } from './share/entities/share-token.entity';
import { ShareModule } from './share/share.module';

export const CERTIFICATE_SERVICE = 'certificate';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: CERTIFICATE_SERVICE,
      config: CertificateConfig,
      configBindings: [ServiceConfig],
    }),
    DatabaseModule.forRoot({
      entities: [
        LicenceEntity,
        SigningKeyEntity,
        LicenceUsageEntity,
        ShareClientEntity,
        ShareTokenEntity,
        ShareDownloadLinkEntity,
      ],
      migrations: [
        CertificateSchema1732400000300,
        LicenceRevocation1732400000310,
        ShareClients1732400000320,
        LicenceFileStorage1732400000330,
      ],
    }),
    KafkaModule.forRoot(CERTIFICATE_SERVICE),
    LicencesModule,
    ShareModule,
  ],
})
export class AppModule {}
