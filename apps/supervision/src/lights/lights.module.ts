import { Module } from '@nestjs/common';
import { EscalationsModule } from '../escalations/escalations.module';
import { ProjectionModule } from '../projection/projection.module';
import { LightSweeper } from './light-sweeper';
import { LightsController } from './lights.controller';
import { LightQueries } from './use-cases/light-queries/light-queries.use-case';
import { SweepLightsUseCase } from './use-cases/sweep-lights/sweep-lights.use-case';

/** 电子监察 lights: the sweeper that recomputes them (and opens 督办 items on red) and their read side. */
@Module({
  imports: [ProjectionModule, EscalationsModule],
  controllers: [LightsController],
  providers: [SweepLightsUseCase, LightSweeper, LightQueries],
})
export class LightsModule {}
