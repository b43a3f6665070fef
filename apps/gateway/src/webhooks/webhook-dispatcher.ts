import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PeriodicTask } from '@app/shared/time';
import { GatewayConfig } from '../config/gateway.config';
import { DispatchDeliveriesUseCase } from './use-cases/dispatch-deliveries/dispatch-deliveries.use-case';
import { PruneDeliveriesUseCase } from './use-cases/prune-deliveries/prune-deliveries.use-case';
import { SubscribedTopics } from './subscribed-topics';

/** Rounds per tick while full batches keep coming (a backlog drains without waiting for the next tick). */
const MAX_ROUNDS_PER_TICK = 20;

/**
 * Runs the dispatcher every WEBHOOK_DISPATCH_INTERVAL_MS in every replica (deliveries are claimed with
 * SKIP LOCKED and a lease, so two replicas never send the same one at once); a new event pokes it. Every
 * PRUNE_INTERVAL_MS it also prunes the delivery log (WEBHOOK_RETENTION_DAYS).
 */
@Injectable()
export class WebhookDispatcher implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;
  private readonly pruner: PeriodicTask;

  constructor(
    dispatch: DispatchDeliveriesUseCase,
    prune: PruneDeliveriesUseCase,
    private readonly config: GatewayConfig,
    subscribed: SubscribedTopics,
  ) {
    const logger = new Logger(WebhookDispatcher.name);
    this.pruner = new PeriodicTask(
      'webhook delivery pruning',
      config.PRUNE_INTERVAL_MS,
      async () => {
        const n = await prune.execute();
        if (n.deliveries > 0) logger.log(n, 'pruned old webhook deliveries');
      },
      logger,
    );
    this.task = new PeriodicTask(
      'webhook dispatch',
      config.WEBHOOK_DISPATCH_INTERVAL_MS,
      async () => {
        // No subscription receives anything: no delivery can be due (an idle platform makes no query).
        if (!(await subscribed.any())) return;
        for (let round = 0; round < MAX_ROUNDS_PER_TICK; round++) {
          if ((await dispatch.execute()) < config.WEBHOOK_DISPATCH_BATCH) break;
        }
      },
      logger,
    );
  }

  onModuleInit(): void {
    if (this.config.WEBHOOK_DISPATCHER_ENABLED) {
      this.task.start();
      this.pruner.start();
    }
  }

  /** Sends what is due now instead of at the next tick (a round in flight is not doubled). */
  poke(): void {
    if (this.config.WEBHOOK_DISPATCHER_ENABLED) void this.task.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.task.stop(), this.pruner.stop()]);
  }
}
