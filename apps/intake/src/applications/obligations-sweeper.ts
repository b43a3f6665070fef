import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PeriodicTask } from '@app/shared/time';
import { ExpireOwedMaterialsUseCase } from './use-cases/expire-owed-materials/expire-owed-materials.use-case';
import { FlagOverduePostChecksUseCase } from './use-cases/flag-overdue-post-checks/flag-overdue-post-checks.use-case';

/** How often each replica looks for owed materials and post-checks past their deadlines (whole days). */
export const OBLIGATIONS_SWEEP_INTERVAL_MS = 5 * 60_000;

/**
 * Runs the 容缺 sweep (owed materials overdue → 退件) and the 事后核查 sweep (post-checks overdue → flagged
 * once) every few minutes in every replica; each use case makes sure only one replica sweeps at a time. A
 * failed run is logged and retried at the next tick.
 */
@Injectable()
export class ObligationsSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(expireOwed: ExpireOwedMaterialsUseCase, flagPostChecks: FlagOverduePostChecksUseCase) {
    const logger = new Logger(ObligationsSweeper.name);
    this.task = new PeriodicTask(
      'obligations sweep',
      OBLIGATIONS_SWEEP_INTERVAL_MS,
      async () => {
        const ended = await expireOwed.execute();
        if (ended.length > 0) logger.log({ cases: ended }, '容缺 materials overdue: cases returned (退件)');
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
