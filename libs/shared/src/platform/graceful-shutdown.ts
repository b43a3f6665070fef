import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { BaseConfig } from '../config/base.config';
import { HealthRegistry } from '../health/health.registry';

/**
 * The first step of a drain (docs/architecture.md, operations). On SIGTERM Nest closes the app in this order:
 *  1. here: readiness turns 503, then the process keeps serving for SHUTDOWN_DELAY_MS while the load
 *     balancer takes it out of rotation (other `beforeApplicationShutdown` hooks answer long polls early);
 *  2. the HTTP server closes, waiting for the requests in flight; the Kafka consumer stops after the message
 *     it is handling and commits the offsets it resolved;
 *  3. `onApplicationShutdown`: the outbox relay publishes what is left, then pools and clients close.
 * A watchdog ends the process if all this takes longer than SHUTDOWN_TIMEOUT_MS.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(GracefulShutdown.name);

  constructor(
    private readonly health: HealthRegistry,
    private readonly config: BaseConfig,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.health.draining = true;
    if (!signal) return; // closed by code (tests): nothing routes traffic here
    const watchdog = setTimeout(() => {
      this.logger.error({ timeoutMs: this.config.SHUTDOWN_TIMEOUT_MS }, 'drain took too long: exiting');
      process.exit(1);
    }, this.config.SHUTDOWN_TIMEOUT_MS);
    watchdog.unref();
    this.logger.log({ signal, delayMs: this.config.SHUTDOWN_DELAY_MS }, 'draining: readiness is now 503');
    await new Promise((r) => setTimeout(r, this.config.SHUTDOWN_DELAY_MS));
  }
}
