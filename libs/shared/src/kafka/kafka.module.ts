import { DynamicModule, Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { ServiceConfig } from '../config/service.config';
import { HealthRegistry } from '../health/health.registry';
import { InboxService } from './inbox.service';
import { KafkaConnection } from './kafka-connection';
import { KafkaEventServer } from './kafka-event.server';
import { MessagingPruner } from './messaging-pruner';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';
import { KAFKA_SERVICE_NAME } from './tokens';

class KafkaHealth implements OnModuleInit {
  constructor(
    @Inject(HealthRegistry) private readonly health: HealthRegistry,
    @Inject(KafkaConnection) private readonly kafka: KafkaConnection,
    @Inject(KafkaEventServer) private readonly server: KafkaEventServer,
  ) {}

  onModuleInit(): void {
    this.health.register('kafka', () => this.kafka.ping());
    this.health.register('kafkaConsumer', () =>
      this.server.isReady
        ? Promise.resolve()
        : Promise.reject(new Error('consumer has not joined its group')),
    );
  }
}

/**
 * Everything a domain service needs from Kafka: the outbox (write in your transaction), the relay that
 * publishes it, the idempotent inbox, and the consumer transport (connect it in main.ts with
 * `app.connectMicroservice({ strategy: app.get(KafkaEventServer) })`).
 */
@Global()
@Module({})
export class KafkaModule {
  static forRoot(serviceName: string): DynamicModule {
    return {
      module: KafkaModule,
      providers: [
        { provide: KAFKA_SERVICE_NAME, useValue: serviceName },
        KafkaConnection,
        OutboxService,
        OutboxRelay,
        MessagingPruner,
        InboxService,
        {
          provide: KafkaEventServer,
          inject: [ServiceConfig, InboxService],
          useFactory: (cfg: ServiceConfig, inbox: InboxService) =>
            new KafkaEventServer({
              brokers: cfg.kafkaBrokers,
              clientId: `${cfg.KAFKA_CLIENT_ID}-consumer`,
              groupId: cfg.KAFKA_GROUP_ID,
              maxRetries: cfg.KAFKA_MAX_RETRIES,
              retryBaseMs: cfg.KAFKA_RETRY_BASE_MS,
              partitionsConsumedConcurrently: cfg.KAFKA_PARTITIONS_CONCURRENTLY,
              fromBeginning: cfg.KAFKA_FROM_BEGINNING,
              security: cfg.kafkaSecurity,
              fetch: { minBytes: cfg.KAFKA_FETCH_MIN_BYTES, maxWaitMs: cfg.KAFKA_FETCH_MAX_WAIT_MS },
              batch: { max: cfg.KAFKA_BATCH_MAX, scope: (fn) => inbox.inBatch(fn) },
            }),
        },
        KafkaHealth,
      ],
      exports: [
        KAFKA_SERVICE_NAME,
        KafkaConnection,
        OutboxService,
        OutboxRelay,
        MessagingPruner,
        InboxService,
        KafkaEventServer,
      ],
    };
  }
}
