import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConsumerStart, ConsumerStartGate, KafkaEventServer } from '@app/shared/kafka';
import { GatewayConfig } from '../config/gateway.config';
import { WebhookSubscriptionRepository } from './repositories/webhook-subscription.repository';
import { SUBSCRIBED_TOPICS_REFRESH_MS } from './subscribed-topics';

/**
 * How long before its creation a subscription's events may have occurred and still be delivered to it
 * (clock skew between services, and the time a consumer takes to start once it is needed).
 */
export const SUBSCRIPTION_LOOKBACK_MS = 60_000;

/**
 * The gateway's Kafka consumer serves partners only (webhooks, the provincial exchange). On a platform
 * without partners it is not started at all — no consumer group, no fetch of every domain event — and it
 * starts within `pollMs` of the first subscription, on every replica. Its group's positions are first
 * brought forward to a minute before the oldest receiving subscription was created, so it neither misses
 * the events that subscription is owed nor replays a backlog nobody wants. With the exchange on, it
 * starts at boot from its committed positions, as every other consumer does.
 */
@Injectable()
export class PartnerConsumerGate implements ConsumerStartGate, OnModuleInit {
  readonly pollMs = SUBSCRIBED_TOPICS_REFRESH_MS;

  constructor(
    private readonly config: GatewayConfig,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly server: KafkaEventServer,
  ) {}

  onModuleInit(): void {
    this.server.deferUntilNeeded(this);
  }

  async needed(): Promise<ConsumerStart | null> {
    if (this.config.EXCHANGE_ENABLED) return {};
    const first = await this.subscriptions.firstReceivingSince();
    return first ? { since: new Date(first.getTime() - SUBSCRIPTION_LOOKBACK_MS) } : null;
  }
}
