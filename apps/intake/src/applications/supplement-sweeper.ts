import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ExpireSupplementsUseCase } from './use-cases/expire-supplements/expire-supplements.use-case';

/** How often each replica looks for missed 补正 deadlines (the deadlines are whole days). */
export const SUPPLEMENT_SWEEP_INTERVAL_MS = 5 * 60_000;

/**
 * Runs the 退件 sweep every few minutes in every replica; the use case makes sure only one replica
 * sweeps at a time. A failed run is logged and retried at the next tick.
 */
@Injectable()
export class SupplementSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SupplementSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly expire: ExpireSupplementsUseCase) {}

  onModuleInit(): void {
    this.timer = setInterval(() => this.tick(), SUPPLEMENT_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.expire
      .execute()
      .then((ended) => {
        if (ended.length > 0) {
          this.logger.log({ cases: ended }, '补正 deadline missed: cases returned (退件)');
        }
      })
      .catch((e: unknown) => this.logger.warn({ err: e }, 'supplement sweep failed; retrying next tick'))
      .finally(() => {
        this.running = undefined;
      });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
