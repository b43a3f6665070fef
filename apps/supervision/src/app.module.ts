import { Module } from '@nestjs/common';
import { ServiceConfig } from '@app/shared/config';
import { DatabaseModule } from '@app/shared/database';
import { KafkaModule } from '@app/shared/kafka';
import { PlatformModule } from '@app/shared/platform';
import { SupervisionConfig } from './config/supervision.config';
import { EscalationAuditEntity, EscalationEntity } from './escalations/entities/escalation.entity';
import { EscalationsModule } from './escalations/escalations.module';
import { LightsModule } from './lights/lights.module';
import { SupervisionSchema1732400000500 } from './migrations/1732400000500-supervision-schema';
import { VisitsAndRectification1732400000510 } from './migrations/1732400000510-visits-and-rectification';
import { BundleEntity } from './projection/entities/bundle.entity';
import { ClockEntity } from './projection/entities/clock.entity';
import { FlagEntity } from './projection/entities/flag.entity';
import { LightChangeEntity } from './projection/entities/light-change.entity';
import { BadReviewFactEntity, ReviewFactEntity } from './projection/entities/rating.entity';
import { SupervisedCaseEntity } from './projection/entities/supervised-case.entity';
import { ProjectionModule } from './projection/projection.module';
import { StatisticsModule } from './statistics/statistics.module';

export const SUPERVISION_SERVICE = 'supervision';

@Module({
  imports: [
    PlatformModule.forRoot({
      service: SUPERVISION_SERVICE,
      config: SupervisionConfig,
      configBindings: [ServiceConfig],
    }),
    DatabaseModule.forRoot({
      entities: [
        SupervisedCaseEntity,
        ClockEntity,
        LightChangeEntity,
        FlagEntity,
        ReviewFactEntity,
        BadReviewFactEntity,
        EscalationEntity,
        EscalationAuditEntity,
        BundleEntity,
      ],
      migrations: [SupervisionSchema1732400000500, VisitsAndRectification1732400000510],
    }),
    KafkaModule.forRoot(SUPERVISION_SERVICE),
    ProjectionModule,
    EscalationsModule,
    LightsModule,
    StatisticsModule,
  ],
})
export class AppModule {}
