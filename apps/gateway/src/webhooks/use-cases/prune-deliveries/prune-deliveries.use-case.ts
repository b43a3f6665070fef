import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WebhookSettings } from '../../webhook-settings';
import { tryExclusive } from '@app/shared/database';

/** Any number, the same in every replica: one pruner at a time. */
const PRUNE_LOCK = 7302400777;

/**
 * Deletes delivered and dead-lettered deliveries older than WEBHOOK_RETENTION_DAYS (the log partners and
 * operators read, then pruned) and the event bodies no delivery needs any more. Pending ones are never
 * touched. One replica at a time (a transaction-scoped advisory lock; the others skip the round).
 */
@Injectable()
export class PruneDeliveriesUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: WebhookSettings,
  ) {}

  async execute(): Promise<{ deliveries: number; events: number }> {
    const days = this.settings.config.WEBHOOK_RETENTION_DAYS;
    return this.db.transaction(async (em) => {
      if (!(await tryExclusive(em, PRUNE_LOCK))) return { deliveries: 0, events: 0 };
      const [, deliveries] = await em.query<[unknown[], number]>(
        `DELETE FROM webhook_deliveries
         WHERE state IN ('DELIVERED', 'DEAD') AND created_at < now() - make_interval(days => $1)`,
        [days],
      );
      const [, events] = await em.query<[unknown[], number]>(
        `DELETE FROM webhook_events e
         WHERE e.received_at < now() - make_interval(days => $1)
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.event_id)`,
        [days],
      );
      return { deliveries, events };
    });
  }
}
