import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PeriodicTask } from '@app/shared/time';
import { SupervisionConfig } from '../config/supervision.config';
import { SweepLightsUseCase } from './use-cases/sweep-lights/sweep-lights.use-case';

/**
 * Runs the light sweep every SUPERVISION_SWEEP_INTERVAL_MS (≤ 30 s, so a clock turns red within a minute of
 * midnight) in every replica; the use case makes sure only one replica sweeps at a time. A failed run is
 * logged and retried at the next tick.
 */
@Injectable()
export class LightSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    sweep: SweepLightsUseCase,
    private readonly config: SupervisionConfig,
  ) {
    const logger = new Logger(LightSweeper.name);
    this.task = new PeriodicTask(
      'light sweep',
      config.SUPERVISION_SWEEP_INTERVAL_MS,
      async () => {
        const r = await sweep.execute();
        if (r.changes.length > 0) {
          logger.log(
            { changes: r.changes.length, red: r.changes.filter((c) => c.light === 'RED').length },
            '电子监察: lights changed',
          );
        }
      },
      logger,
    );
  }

  onModuleInit(): void {
    if (this.config.SUPERVISION_SWEEPER_ENABLED) this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
