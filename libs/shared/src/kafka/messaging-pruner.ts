import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { ServiceConfig } from '../config/service.config';
import { metricsRegistry } from '../metrics/metrics';
import { PeriodicTask } from '../time/periodic-task';
import { tryExclusive } from '../database/exclusive';

export const prunedRows = new Counter({
  name: 'messaging_pruned_rows_total',
  help: 'Rows deleted by the messaging pruner, by table (outbox: published rows; processed_events: inbox)',
  labelNames: ['table'] as const,
  registers: [metricsRegistry],
});

const PRUNE_LOCK_KEY = 7_302_400_002;
const BATCH = 5000;

/**
 * Keeps the messaging tables bounded: deletes published outbox rows older than OUTBOX_RETENTION_HOURS and
 * inbox entries older than INBOX_RETENTION_DAYS, in batches of 5,000 (short transactions, no long locks),
 * every PRUNE_INTERVAL_MS. One replica at a time (advisory lock); unpublished and parked rows are never
 * touched.
 */
@Injectable()
export class MessagingPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MessagingPruner.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ServiceConfig,
  ) {
    this.task = new PeriodicTask(
      'messaging prune',
      config.PRUNE_INTERVAL_MS,
      async () => void (await this.pruneOnce()),
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass over both tables; returns the rows deleted per table (0s when another replica holds the lock). */
  async pruneOnce(): Promise<{ outbox: number; processedEvents: number }> {
    const outbox = await this.pruneTable(
      'outbox',
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox
          WHERE created_at < now() - make_interval(hours => $1) AND published_at IS NOT NULL
          LIMIT ${BATCH})`,
      this.config.OUTBOX_RETENTION_HOURS,
    );
    const processedEvents = await this.pruneTable(
      'processed_events',
      `DELETE FROM processed_events WHERE ctid IN (
         SELECT ctid FROM processed_events
          WHERE processed_at < now() - make_interval(days => $1) LIMIT ${BATCH})`,
      this.config.INBOX_RETENTION_DAYS,
    );
    if (outbox + processedEvents > 0) {
      this.logger.log({ outbox, processedEvents }, 'pruned messaging tables');
    }
    return { outbox, processedEvents };
  }

  private async pruneTable(table: string, sql: string, age: number): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.dataSource.transaction(async (em) => {
        if (!(await tryExclusive(em, PRUNE_LOCK_KEY))) return -1;
        const [, count] = await em.query<[unknown, number]>(sql, [age]);
        return count;
      });
      if (deleted < 0) return total;
      total += deleted;
      prunedRows.inc({ table }, deleted);
      if (deleted < BATCH) return total;
    }
  }
}
