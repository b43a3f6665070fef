import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PeriodicTask } from '@app/shared/time';
import { IntakeConfig } from '../config/intake.config';
import { FlagOverdueReceiptsUseCase } from './use-cases/flag-overdue-receipts/flag-overdue-receipts.use-case';

/**
 * Runs the Art. 32 sweep (逾期未告知, 视为受理) every INTAKE_SWEEP_INTERVAL_MS (default 5 min) in every
 * replica; the use case makes sure only one replica sweeps at a time. A failed run is logged and retried
 * at the next tick.
 */
@Injectable()
export class OverdueReceiptSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(config: IntakeConfig, flag: FlagOverdueReceiptsUseCase) {
    const logger = new Logger(OverdueReceiptSweeper.name);
    this.task = new PeriodicTask(
      'receipt sweep',
      config.INTAKE_SWEEP_INTERVAL_MS,
      async () => {
        const flagged = await flag.execute();
        if (flagged.length > 0) {
          logger.log({ cases: flagged }, 'Art. 32: receipts past 5 working days flagged (视为受理)');
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
