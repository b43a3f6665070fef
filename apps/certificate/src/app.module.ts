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

export const CERTIFICATE_SERVICE = 'certificate';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: CERTIFICATE_SERVICE,
      config: CertificateConfig,
      configBindings: [ServiceConfig],
    }),
    DatabaseModule.forRoot({
      entities: [LicenceEntity, SigningKeyEntity, LicenceUsageEntity],
      migrations: [CertificateSchema1732400000300, LicenceRevocation1732400000310],
    }),
    KafkaModule.forRoot(CERTIFICATE_SERVICE),
    LicencesModule,
  ],
})
export class AppModule {}
