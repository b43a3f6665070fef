import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PeriodicTask } from '@app/shared/time';
import { ExpireSupplementsUseCase } from './use-cases/expire-supplements/expire-supplements.use-case';

/** How often each replica looks for missed 补正 deadlines (the deadlines are whole days). */
export const SUPPLEMENT_SWEEP_INTERVAL_MS = 5 * 60_000;

/**
 * Runs the 退件 sweep every few minutes in every replica; the use case makes sure only one replica
 * sweeps at a time. A failed run is logged and retried at the next tick.
 */
@Injectable()
export class SupplementSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(expire: ExpireSupplementsUseCase) {
    const logger = new Logger(SupplementSweeper.name);
    this.task = new PeriodicTask(
      'supplement sweep',
      SUPPLEMENT_SWEEP_INTERVAL_MS,
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
