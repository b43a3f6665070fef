import { DomainError } from '@app/shared/errors';
import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { ListDeliveriesQueryDto, ListSubscriptionsQueryDto } from '../../dto/subscription.request.dto';
import { DeliveryView, SubscriptionView } from '../../dto/subscription.response.dto';
import { WebhookSubscriptionEntity } from '../../entities/webhook-subscription.entity';
import { WebhookDeliveryRepository } from '../../repositories/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from '../../repositories/webhook-subscription.repository';
import { WebhooksPolicy } from '../../webhooks.policy';

/** Reads: subscriptions (never their secrets), a subscription's delivery log and its dead letters. */
@Injectable()
export class SubscriptionQueries {
  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly policy: WebhooksPolicy,
  ) {}

  async list(user: Principal, q: ListSubscriptionsQueryDto): Promise<Page<SubscriptionView>> {
    this.policy.manage(user);
    const page = await this.subscriptions.page({ status: q.status }, q);
    const now = new Date();
    return { ...page, items: page.items.map((s) => SubscriptionView.of(s, now)) };
  }

  async get(user: Principal, id: string): Promise<SubscriptionView> {
    this.policy.manage(user);
    return SubscriptionView.of(await this.existing(id));
  }

  async deliveryLog(user: Principal, id: string, q: ListDeliveriesQueryDto): Promise<Page<DeliveryView>> {
    this.policy.manage(user);
    await this.existing(id);
    const page = await this.deliveries.page(id, q.state, q);
    return { ...page, items: page.items.map((d) => DeliveryView.of(d)) };
  }

  private async existing(id: string): Promise<WebhookSubscriptionEntity> {
    const s = await this.subscriptions.find(id);
    if (!s) throw new DomainError('WEBHOOK_SUBSCRIPTION_NOT_FOUND', undefined, { id });
    return s;
  }
}
