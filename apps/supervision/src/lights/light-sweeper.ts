import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { SupervisionConfig } from '../config/supervision.config';
import { SweepLightsUseCase } from './use-cases/sweep-lights/sweep-lights.use-case';

/**
 * Runs the light sweep every SUPERVISION_SWEEP_INTERVAL_MS (≤ 30 s, so a clock turns red within a minute of
 * midnight) in every replica; the use case makes sure only one replica sweeps at a time. A failed run is
 * logged and retried at the next tick.
 */
@Injectable()
export class LightSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LightSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly sweep: SweepLightsUseCase,
    private readonly config: SupervisionConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.SUPERVISION_SWEEPER_ENABLED) return;
    this.timer = setInterval(() => this.tick(), this.config.SUPERVISION_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sweep
      .execute()
      .then((r) => {
        if (r.changes.length > 0) {
          this.logger.log(
            { changes: r.changes.length, red: r.changes.filter((c) => c.light === 'RED').length },
            '电子监察: lights changed',
          );
        }
      })
      .catch((e: unknown) => this.logger.warn({ err: e }, 'light sweep failed; retrying next tick'))
      .finally(() => {
        this.running = undefined;
      });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
