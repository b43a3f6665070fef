import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { FlagOverdueReceiptsUseCase } from './use-cases/flag-overdue-receipts/flag-overdue-receipts.use-case';

/** How often each replica looks for receipts past the Art. 32 limit (the limit is in whole days). */
export const RECEIPT_SWEEP_INTERVAL_MS = 5 * 60_000;

/**
 * Runs the Art. 32 sweep (逾期未告知, 视为受理) every few minutes in every replica; the use case makes sure
 * only one replica sweeps at a time. A failed run is logged and retried at the next tick.
 */
@Injectable()
export class OverdueReceiptSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(OverdueReceiptSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly flag: FlagOverdueReceiptsUseCase) {}

  onModuleInit(): void {
    this.timer = setInterval(() => this.tick(), RECEIPT_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.flag
      .execute()
      .then((flagged) => {
        if (flagged.length > 0) {
          this.logger.log({ cases: flagged }, 'Art. 32: receipts past 5 working days flagged (视为受理)');
        }
      })
      .catch((e: unknown) => this.logger.warn({ err: e }, 'receipt sweep failed; retrying next tick'))
      .finally(() => {
        this.running = undefined;
      });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
