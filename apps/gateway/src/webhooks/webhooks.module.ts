import { Module } from '@nestjs/common';
import { WebhookDeliveryRepository } from './repositories/webhook-delivery.repository';
import { WebhookSubscriptionRepository } from './repositories/webhook-subscription.repository';
import { CreateSubscriptionUseCase } from './use-cases/create-subscription/create-subscription.use-case';
import { DispatchDeliveriesUseCase } from './use-cases/dispatch-deliveries/dispatch-deliveries.use-case';
import { PruneDeliveriesUseCase } from './use-cases/prune-deliveries/prune-deliveries.use-case';
import { RecordEventUseCase } from './use-cases/record-event/record-event.use-case';
import { ReplayDeliveriesUseCase } from './use-cases/replay-deliveries/replay-deliveries.use-case';
import { RotateSecretUseCase } from './use-cases/rotate-secret/rotate-secret.use-case';
import { SubscriptionQueries } from './use-cases/subscription-queries/subscription-queries.use-case';
import { UpdateSubscriptionUseCase } from './use-cases/update-subscription/update-subscription.use-case';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';
import Redis from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { SubscribedTopics } from './subscribed-topics';
import { PartnerConsumerGate } from './partner-consumer.gate';

/** The subscriptions' shared version (bumped after every committed change; read before every judgement). */
const SUBSCRIPTIONS_VERSION_KEY = 'gw:webhooks:subscriptions-version';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookSettings } from './webhook-settings';
import { WebhooksConsumer } from './webhooks.consumer';
import { WebhooksController } from './webhooks.controller';
import { WebhooksPolicy } from './webhooks.policy';

/**
 * Partner webhooks: admins subscribe partners' https endpoints to domain topics; the consumer queues one
 * delivery per matching subscription; the dispatcher POSTs them signed (Standard Webhooks), retries,
 * dead-letters, and disables a subscription that keeps failing.
 */
@Module({
  controllers: [WebhooksController, WebhookDeliveriesController, WebhooksConsumer],
  providers: [
    WebhookSettings,
    WebhooksPolicy,
    WebhookSubscriptionRepository,
    WebhookDeliveryRepository,
    CreateSubscriptionUseCase,
    UpdateSubscriptionUseCase,
    RotateSecretUseCase,
    SubscriptionQueries,
    ReplayDeliveriesUseCase,
    RecordEventUseCase,
    DispatchDeliveriesUseCase,
    PruneDeliveriesUseCase,
    WebhookDispatcher,
    PartnerConsumerGate,
    {
      provide: SubscribedTopics,
      useFactory: (r: WebhookSubscriptionRepository, redis: Redis) =>
        new SubscribedTopics(r, {
          read: () => redis.get(SUBSCRIPTIONS_VERSION_KEY),
          bump: async () => {
            await redis.incr(SUBSCRIPTIONS_VERSION_KEY);
          },
        }),
      inject: [WebhookSubscriptionRepository, REDIS],
    },
  ],
})
export class WebhooksModule {}
