import { Module } from '@nestjs/common';
import { ServiceConfig } from '@app/shared/config';
import { DatabaseModule } from '@app/shared/database';
import { KafkaModule } from '@app/shared/kafka';
import { PlatformModule } from '@app/shared/platform';
import { AsyncApiModule } from './asyncapi/asyncapi.module';
import { GatewayConfig } from './config/gateway.config';
import { DashboardModule } from './dashboard/dashboard.module';
import { ExchangeCaseEntity } from './exchange/entities/exchange-case.entity';
import { ExchangeRecordEntity } from './exchange/entities/exchange-record.entity';
import { ExchangeModule } from './exchange/exchange.module';
import { PublicDocsService } from './docs/public-docs.service';
import { GatewayWebhooks1764200000000 } from './migrations/1764200000000-gateway-webhooks';
import { ProvincialExchange1764300000000 } from './migrations/1764300000000-provincial-exchange';
import { UpstreamClient } from './proxy/upstream.client';
import { RedisModule } from './redis/redis.module';
import { WebhookDeliveryEntity } from './webhooks/entities/webhook-delivery.entity';
import { WebhookEventEntity } from './webhooks/entities/webhook-event.entity';
import { WebhookSubscriptionEntity } from './webhooks/entities/webhook-subscription.entity';
import { WebhooksModule } from './webhooks/webhooks.module';

export const GATEWAY_SERVICE = 'gateway';

/**
 * The public edge: health, docs, the supervision dashboard page (/dashboard) and the partner webhooks
 * (/api/v1/webhooks, with the gateway's own database, consumer and outbox); everything else is forwarded
 * by prefix.
 */
@Module({
  imports: [
    PlatformModule.forRoot({
      service: GATEWAY_SERVICE,
      config: GatewayConfig,
      configBindings: [ServiceConfig],
    }),
    DatabaseModule.forRoot({
      entities: [
        WebhookSubscriptionEntity,
        WebhookEventEntity,
        WebhookDeliveryEntity,
        ExchangeRecordEntity,
        ExchangeCaseEntity,
      ],
      migrations: [GatewayWebhooks1764200000000, ProvincialExchange1764300000000],
    }),
    KafkaModule.forRoot(GATEWAY_SERVICE),
    RedisModule,
    DashboardModule,
    AsyncApiModule,
    WebhooksModule,
    ExchangeModule,
  ],
  providers: [UpstreamClient, PublicDocsService],
})
export class AppModule {}
