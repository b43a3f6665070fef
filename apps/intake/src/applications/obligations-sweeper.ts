import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
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
  private readonly logger = new Logger(ObligationsSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly expireOwed: ExpireOwedMaterialsUseCase,
    private readonly flagPostChecks: FlagOverduePostChecksUseCase,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => this.tick(), OBLIGATIONS_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sweep()
      .catch((e: unknown) => this.logger.warn({ err: e }, 'obligations sweep failed; retrying next tick'))
      .finally(() => {
        this.running = undefined;
      });
  }

  private async sweep(): Promise<void> {
    const ended = await this.expireOwed.execute();
    if (ended.length > 0) this.logger.log({ cases: ended }, '容缺 materials overdue: cases returned (退件)');
    const flagged = await this.flagPostChecks.execute();
    if (flagged.length > 0) this.logger.log({ cases: flagged }, '事后核查 overdue: post-checks flagged');
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
