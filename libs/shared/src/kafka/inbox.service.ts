import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Topic } from '../contracts/topics';
import type { InboundEvent } from './inbound-event';
import { eventsHandled } from '../metrics/metrics';
import { OutboxRelay } from './outbox-relay';
import { KAFKA_SERVICE_NAME } from './tokens';

/**
 * Idempotent consumer: records `(event id, consumer)` in processed_events in the SAME transaction as the
 * handler's side effects (including any outbox rows it writes). A redelivered event finds its row and is
 * acknowledged without running again; a crash before commit leaves nothing behind, so it is retried.
 */
@Injectable()
export class InboxService {
  private readonly logger = new Logger(InboxService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    @Inject(KAFKA_SERVICE_NAME) private readonly service: string,
  ) {}

  /** Returns false when the event had already been processed by this consumer. */
  async handleOnce<T extends Topic>(
    event: InboundEvent<T>,
    work: (em: EntityManager) => Promise<void>,
    consumer = this.service,
  ): Promise<boolean> {
    const done = await this.dataSource.transaction(async (em) => {
      const rows = await em.query<unknown[]>(
        `INSERT INTO processed_events (event_id, consumer, topic) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [event.id, consumer, event.topic],
      );
      if (rows.length === 0) return false;
      await work(em);
      return true;
    });
    if (!done) {
      eventsHandled.inc({ topic: event.topic, outcome: 'duplicate' });
      this.logger.log({ eventId: event.id, topic: event.topic }, 'duplicate event skipped');
    } else this.relay.poke();
    return done;
  }
}
