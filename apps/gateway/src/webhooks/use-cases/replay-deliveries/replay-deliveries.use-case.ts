import { DomainError } from '@app/shared/errors';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { ReplayResultView } from '../../dto/subscription.response.dto';
import { WebhookDeliveryRepository } from '../../repositories/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../../repositories/webhook-subscription.repository';
import { WebhooksPolicy } from '../../webhooks.policy';

/**
 * Queues a dead-lettered (or delivered) delivery again, or every dead letter of a subscription: due now,
 * with a fresh retry window and the SAME `webhook-id` (a partner that already processed it drops the
 * repeat). Sent only while the subscription is active.
 */
@Injectable()
export class ReplayDeliveriesUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly policy: WebhooksPolicy,
  ) {}

  async execute(
    user: Principal,
    id: string,
    which: { deliveryId: string } | 'all-dead',
  ): Promise<ReplayResultView> {
    this.policy.manage(user);
    const replayed = await this.db.transaction(async (em) => {
      const s = await this.subscriptions.lock(em, id);
      if (!s) throw new DomainError('WEBHOOK_SUBSCRIPTION_NOT_FOUND', undefined, { id });
      if (which === 'all-dead') return this.deliveries.requeue(em, id, 'all-dead');
      const d = await this.deliveries.lock(em, which.deliveryId);
      if (!d || d.subscriptionId !== id) {
        throw new DomainError('WEBHOOK_DELIVERY_NOT_FOUND', undefined, { deliveryId: which.deliveryId });
      }
      if (d.state === 'PENDING') {
        throw new DomainError('WEBHOOK_DELIVERY_NOT_REPLAYABLE', undefined, {
          deliveryId: d.id,
          state: d.state,
        });
      }
      return this.deliveries.requeue(em, id, [d.id]);
    });
    return { replayed };
  }
}
