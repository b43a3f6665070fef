import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PeriodicTask } from '@app/shared/time';
import { IntakeConfig } from '../config/intake.config';
import { FlagOverdueRefusalsUseCase } from './use-cases/flag-overdue-refusals/flag-overdue-refusals.use-case';

/**
 * Runs the 窗口无否决权 sweep (a 拟不予受理 undecided past REFUSAL_CONFIRM_WORKDAYS → escalated once) every
 * INTAKE_SWEEP_INTERVAL_MS (default 5 min) in every replica; the use case makes sure only one replica sweeps at a time. A failed run is
 * logged and retried at the next tick.
 */
@Injectable()
export class RefusalConfirmationSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(config: IntakeConfig, flag: FlagOverdueRefusalsUseCase) {
    const logger = new Logger(RefusalConfirmationSweeper.name);
    this.task = new PeriodicTask(
      'refusal confirmation sweep',
      config.INTAKE_SWEEP_INTERVAL_MS,
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
