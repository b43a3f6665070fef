import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApprovedConsumer } from './approved.consumer';
import { LicenceEntity } from './entities/licence.entity';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { LicenceUsageEntity } from './entities/usage.entity';
import { LicencesController } from './licences.controller';
import { LicencesService } from './licences.service';
import { SigningKeysService } from './signing-keys.service';

@Module({
  imports: [TypeOrmModule.forFeature([LicenceEntity, SigningKeyEntity, LicenceUsageEntity])],
  controllers: [LicencesController, ApprovedConsumer],
  providers: [LicencesService, SigningKeysService],
})
export class LicencesModule {}
