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
import { SubscribedTopics } from './subscribed-topics';
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
    {
      provide: SubscribedTopics,
      useFactory: (r: WebhookSubscriptionRepository) => new SubscribedTopics(r),
      inject: [WebhookSubscriptionRepository],
    },
  ],
})
export class WebhooksModule {}
