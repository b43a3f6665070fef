import { Module } from '@nestjs/common';
import { EscalationsModule } from '../escalations/escalations.module';
import { ProjectionModule } from '../projection/projection.module';
import { StatisticsController } from './statistics.controller';
import { StatisticsRepository } from './statistics.repository';
import { ComputeStatisticsUseCase } from './use-cases/compute-statistics/compute-statistics.use-case';

/** The reform's numbers by period, department, item, channel and region. */
@Module({
  imports: [ProjectionModule, EscalationsModule],
  controllers: [StatisticsController],
  providers: [StatisticsRepository, ComputeStatisticsUseCase],
})
export class StatisticsModule {}
