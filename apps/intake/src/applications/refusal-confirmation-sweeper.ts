import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PeriodicTask } from '@app/shared/time';
import { FlagOverdueRefusalsUseCase } from './use-cases/flag-overdue-refusals/flag-overdue-refusals.use-case';

/** How often each replica looks for refusal proposals the chief left undecided (the limit is whole days). */
export const REFUSAL_SWEEP_INTERVAL_MS = 5 * 60_000;

/**
 * Runs the 窗口无否决权 sweep (a 拟不予受理 undecided past REFUSAL_CONFIRM_WORKDAYS → escalated once) every
 * few minutes in every replica; the use case makes sure only one replica sweeps at a time. A failed run is
 * logged and retried at the next tick.
 */
@Injectable()
export class RefusalConfirmationSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(flag: FlagOverdueRefusalsUseCase) {
    const logger = new Logger(RefusalConfirmationSweeper.name);
    this.task = new PeriodicTask(
      'refusal confirmation sweep',
      REFUSAL_SWEEP_INTERVAL_MS,
      async () => {
        const flagged = await flag.execute();
        if (flagged.length > 0) {
          logger.log({ cases: flagged }, '拟不予受理 not decided by the chief in time: escalated');
        }
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
