import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PeriodicTask } from '@app/shared/time';
import { IntakeConfig } from '../config/intake.config';
import { ExpireOwedMaterialsUseCase } from './use-cases/expire-owed-materials/expire-owed-materials.use-case';
import { FlagOverduePostChecksUseCase } from './use-cases/flag-overdue-post-checks/flag-overdue-post-checks.use-case';

/**
 * Runs the 容缺 sweep (owed materials overdue → the case ends per its item's rule, 退件 or 不予许可) and the
 * 事后核查 sweep (post-checks overdue → flagged once) every INTAKE_SWEEP_INTERVAL_MS (default 5 min) in
 * every replica; each use case makes sure only one replica sweeps at a time. A failed run is logged and
 * retried at the next tick.
 */
@Injectable()
export class ObligationsSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    config: IntakeConfig,
    expireOwed: ExpireOwedMaterialsUseCase,
    flagPostChecks: FlagOverduePostChecksUseCase,
  ) {
    const logger = new Logger(ObligationsSweeper.name);
    this.task = new PeriodicTask(
      'obligations sweep',
      config.INTAKE_SWEEP_INTERVAL_MS,
      async () => {
        const ended = await expireOwed.execute();
        if (ended.length > 0) {
          logger.log(
            { cases: ended },
            '容缺 materials overdue: cases ended per the item rule (退件 / 不予许可)',
          );
        }
        const flagged = await flagPostChecks.execute();
        if (flagged.length > 0) logger.log({ cases: flagged }, '事后核查 overdue: post-checks flagged');
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
