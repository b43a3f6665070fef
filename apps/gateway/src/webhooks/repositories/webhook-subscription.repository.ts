import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, paginate } from '@app/shared/database';
import { SubscriptionStatus, WebhookSubscriptionEntity } from '../entities/webhook-subscription.entity';

export type NewSubscription = Pick<
  WebhookSubscriptionEntity,
  'partnerName' | 'targetUrl' | 'eventTypes' | 'deptCodes' | 'itemCodes' | 'secret' | 'createdBy'
>;

/** Webhook subscriptions (the aggregate: filters, state, secrets and failure counters). */
@Injectable()
export class WebhookSubscriptionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(em: EntityManager, values: NewSubscription): Promise<WebhookSubscriptionEntity> {
    const s = em.create(WebhookSubscriptionEntity, {
      ...values,
      status: 'ACTIVE',
      disabledReason: null,
      disabledAt: null,
      previousSecret: null,
      previousSecretExpiresAt: null,
      consecutiveDeadLetters: 0,
      failingSince: null,
      lastSuccessAt: null,
    });
    return em.save(s);
  }

  save(em: EntityManager, s: WebhookSubscriptionEntity): Promise<WebhookSubscriptionEntity> {
    return em.save(s);
  }

  find(id: string): Promise<WebhookSubscriptionEntity | null> {
    return this.db.getRepository(WebhookSubscriptionEntity).findOne({ where: { id } });
  }

  /** The subscription, locked for this transaction (counter updates of two replicas serialize here). */
  lock(em: EntityManager, id: string): Promise<WebhookSubscriptionEntity | null> {
    return em
      .getRepository(WebhookSubscriptionEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The topics of the subscriptions that receive events (active, or disabled by the failure rule). */
  async receivingTopics(): Promise<ReadonlySet<string>> {
    const rows = await this.db.query<Array<{ topic: string }>>(
      `SELECT DISTINCT unnest(event_types) AS topic FROM webhook_subscriptions
       WHERE status = 'ACTIVE' OR disabled_reason <> 'ADMIN'`,
    );
    return new Set(rows.map((r) => r.topic));
  }

  /** When the oldest subscription that receives events was created; null when none receives any. */
  async firstReceivingSince(): Promise<Date | null> {
    const [row] = await this.db.query<Array<{ since: Date | null }>>(
      `SELECT min(created_at) AS since FROM webhook_subscriptions
       WHERE status = 'ACTIVE' OR disabled_reason <> 'ADMIN'`,
    );
    return row?.since ?? null;
  }

  /**
   * Subscriptions that receive new events of `topic`: active ones, and ones the gateway disabled after
   * failures (their deliveries wait for the re-enable). One an admin disabled receives nothing.
   */
  receiving(em: EntityManager, topic: string): Promise<WebhookSubscriptionEntity[]> {
    return em
      .getRepository(WebhookSubscriptionEntity)
      .createQueryBuilder('s')
      .where('s.event_types @> ARRAY[:topic]::text[]', { topic })
      .andWhere(`(s.status = 'ACTIVE' OR s.disabled_reason <> 'ADMIN')`)
      .getMany();
  }

  page(
    filter: { status?: SubscriptionStatus },
    q: { page: number; pageSize: number },
  ): Promise<Page<WebhookSubscriptionEntity>> {
    const qb = this.db.getRepository(WebhookSubscriptionEntity).createQueryBuilder('s');
    if (filter.status) qb.where('s.status = :status', { status: filter.status });
    return paginate(qb, q, { by: 's.created_at', direction: 'DESC' }, (s) => s);
  }
}
