import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PeriodicTask } from '@app/shared/time';
import { IntakeConfig } from '../config/intake.config';
import { ExpireSupplementsUseCase } from './use-cases/expire-supplements/expire-supplements.use-case';

/**
 * Runs the 退件 sweep every INTAKE_SWEEP_INTERVAL_MS (default 5 min) in every replica; the use case
 * makes sure only one replica sweeps at a time. A failed run is logged and retried at the next tick.
 */
@Injectable()
export class SupplementSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(config: IntakeConfig, expire: ExpireSupplementsUseCase) {
    const logger = new Logger(SupplementSweeper.name);
    this.task = new PeriodicTask(
      'supplement sweep',
      config.INTAKE_SWEEP_INTERVAL_MS,
      async () => {
        const ended = await expire.execute();
        if (ended.length > 0) logger.log({ cases: ended }, '补正 deadline missed: cases returned (退件)');
      },
      logger,
    );
  }

  onModuleInit(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
