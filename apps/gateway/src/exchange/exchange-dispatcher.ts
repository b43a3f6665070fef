import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PeriodicTask } from '@app/shared/time';
import { ExchangeSettings } from './exchange-settings';
import { ExchangeRecordRepository } from './repositories/exchange-record.repository';
import { DeliverExchangeRecordsUseCase } from './use-cases/deliver-exchange-records/deliver-exchange-records.use-case';

/**
 * Runs the exchange dispatcher every EXCHANGE_DISPATCH_INTERVAL_MS in every replica while EXCHANGE_ENABLED
 * (records are claimed with FOR UPDATE SKIP LOCKED inside the transaction that sends them, so two replicas
 * never send one record at once); a newly recorded event pokes it once its settle time has passed. Every
 * PRUNE_INTERVAL_MS it also deletes delivered records older than EXCHANGE_RETENTION_DAYS.
 */
@Injectable()
export class ExchangeDispatcher implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;
  private readonly pruner: PeriodicTask;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    deliver: DeliverExchangeRecordsUseCase,
    records: ExchangeRecordRepository,
    private readonly settings: ExchangeSettings,
  ) {
    const logger = new Logger(ExchangeDispatcher.name);
    this.task = new PeriodicTask(
      'provincial exchange dispatch',
      settings.config.EXCHANGE_DISPATCH_INTERVAL_MS,
      async () => {
        await deliver.execute();
      },
      logger,
    );
    this.pruner = new PeriodicTask(
      'provincial exchange pruning',
      settings.config.PRUNE_INTERVAL_MS,
      async () => {
        const n = await records.pruneDelivered(settings.config.EXCHANGE_RETENTION_DAYS);
        if (n > 0) logger.log({ records: n }, 'pruned delivered exchange records');
      },
      logger,
    );
  }

  onModuleInit(): void {
    if (this.settings.enabled) {
      this.task.start();
      this.pruner.start();
    }
  }

  /** Sends what became due, once the settle time of a record just queued has passed. */
  poke(): void {
    if (!this.settings.enabled) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.task.tick();
    }, this.settings.config.EXCHANGE_SETTLE_MS + 5);
    t.unref();
    this.timers.add(t);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all([this.task.stop(), this.pruner.stop()]);
  }
}
