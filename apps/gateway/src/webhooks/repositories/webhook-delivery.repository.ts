import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, paginate } from '@app/shared/database';
import { DeliveryState, WebhookDeliveryEntity } from '../entities/webhook-delivery.entity';
import { WebhookEventEntity } from '../entities/webhook-event.entity';

/** A claimed delivery with what sending it needs. */
export interface ClaimedDelivery {
  delivery: WebhookDeliveryEntity;
  body: string;
}

/** Deliveries and the event bodies they send (one aggregate: a delivery never exists without its event). */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stores the event's body once (a redelivered event keeps the first). */
  async insertEvent(em: EntityManager, e: Omit<WebhookEventEntity, 'receivedAt'>): Promise<void> {
    await em.query(
      `INSERT INTO webhook_events (event_id, topic, subject, body) VALUES ($1, $2, $3, $4)
       ON CONFLICT (event_id) DO NOTHING`,
      [e.eventId, e.topic, e.subject, e.body],
    );
  }

  /** One pending delivery per subscription; (subscription, event) is unique, so a repeat adds nothing. */
  async insertDeliveries(
    em: EntityManager,
    eventId: string,
    topic: string,
    subscriptionIds: string[],
  ): Promise<number> {
    if (subscriptionIds.length === 0) return 0;
    const rows = await em.query<unknown[]>(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, topic)
       SELECT unnest($1::uuid[]), $2, $3
       ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO NOTHING RETURNING id`,
      [subscriptionIds, eventId, topic],
    );
    return rows.length;
  }

  /**
   * Claims up to `limit` due deliveries of active subscriptions for `leaseMs`: their next attempt moves
   * past the lease, so no other replica (rows locked with SKIP LOCKED while claiming) and no later round
   * takes them while they are being sent. A replica that dies mid-send leaves them due again after the lease.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.db.transaction(async (em) => {
      const [ids] = await em.query<[Array<{ id: string }>, number]>(
        `UPDATE webhook_deliveries d SET next_attempt_at = now() + make_interval(secs => $2::float8 / 1000)
         FROM (
           SELECT d2.id FROM webhook_deliveries d2
           JOIN webhook_subscriptions s ON s.id = d2.subscription_id AND s.status = 'ACTIVE'
           WHERE d2.state = 'PENDING' AND d2.next_attempt_at <= now()
           ORDER BY d2.next_attempt_at
           LIMIT $1
           FOR UPDATE OF d2 SKIP LOCKED
         ) due
         WHERE d.id = due.id
         RETURNING d.id`,
        [limit, leaseMs],
      );
      if (ids.length === 0) return [];
      const deliveries = await em
        .getRepository(WebhookDeliveryEntity)
        .createQueryBuilder('d')
        .where('d.id IN (:...ids)', { ids: ids.map((r) => r.id) })
        .getMany();
      const events = await em
        .getRepository(WebhookEventEntity)
        .createQueryBuilder('e')
        .where('e.event_id IN (:...ids)', { ids: [...new Set(deliveries.map((d) => d.eventId))] })
        .getMany();
      const bodies = new Map(events.map((e) => [e.eventId, e.body]));
      return deliveries.map((delivery) => ({ delivery, body: bodies.get(delivery.eventId) ?? '' }));
    });
  }

  lock(em: EntityManager, id: string): Promise<WebhookDeliveryEntity | null> {
    return em
      .getRepository(WebhookDeliveryEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(em: EntityManager, d: WebhookDeliveryEntity): Promise<WebhookDeliveryEntity> {
    return em.save(d);
  }

  find(subscriptionId: string, id: string): Promise<WebhookDeliveryEntity | null> {
    return this.db.getRepository(WebhookDeliveryEntity).findOne({ where: { id, subscriptionId } });
  }

  page(
    subscriptionId: string,
    state: DeliveryState | undefined,
    q: { page: number; pageSize: number },
  ): Promise<Page<WebhookDeliveryEntity>> {
    const qb = this.db
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('d')
      .where('d.subscription_id = :subscriptionId', { subscriptionId });
    if (state) qb.andWhere('d.state = :state', { state });
    return paginate(qb, q, { by: 'd.created_at', direction: 'DESC' }, (d) => d);
  }

  /** Queues dead (or delivered) deliveries again with a fresh retry window; returns how many. */
  async requeue(em: EntityManager, subscriptionId: string, ids: string[] | 'all-dead'): Promise<number> {
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [, count] = await em.query<[unknown[], number]>(
      `UPDATE webhook_deliveries
         SET state = 'PENDING', next_attempt_at = now(), first_attempt_at = NULL, dead_at = NULL,
             replays = replays + 1
       WHERE subscription_id = $1 AND ${ids === 'all-dead' ? `state = 'DEAD'` : `id = ANY($2::uuid[]) AND state IN ('DEAD', 'DELIVERED')`}`,
      ids === 'all-dead' ? [subscriptionId] : [subscriptionId, ids],
    );
    return count;
  }

  /** Pending deliveries of a re-enabled subscription: due now, with a fresh retry window. */
  async resume(em: EntityManager, subscriptionId: string): Promise<void> {
    await em.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now(), first_attempt_at = NULL
       WHERE subscription_id = $1 AND state = 'PENDING'`,
      [subscriptionId],
    );
  }
}
