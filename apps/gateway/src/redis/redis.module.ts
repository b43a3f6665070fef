import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import Redis from 'ioredis';
import { HealthRegistry } from '@app/shared/health';
import { clientErrors } from '@app/shared/metrics';
import { GatewayConfig } from '../config/gateway.config';
import { throttledWarning } from './rate-limiter';

export const REDIS = Symbol('REDIS');

@Injectable()
class RedisLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly health: HealthRegistry,
  ) {}

  /** Gives Redis a moment to connect at boot (without an offline queue, early commands would fail open). */
  async onModuleInit(): Promise<void> {
    const logger = new Logger('Redis');
    const warn = throttledWarning((e, suppressed) =>
      logger.warn({ err: e, suppressed }, 'redis connection error'),
    );
    this.redis.on('error', (e) => {
      clientErrors.inc({ client: 'redis' });
      warn(e);
    });
    if (this.redis.status !== 'ready') {
      let timer: NodeJS.Timeout | undefined;
      let onReady: (() => void) | undefined;
      await new Promise<void>((resolve) => {
        onReady = resolve;
        this.redis.once('ready', onReady);
        timer = setTimeout(resolve, 2000);
      });
      clearTimeout(timer);
      if (onReady) this.redis.off('ready', onReady);
    }
    this.health.register('redis', async () => {
      const pong = await this.redis.ping();
      if (pong !== 'PONG') throw new Error('unexpected answer to PING');
    });
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT when connected (pending replies are flushed); in any case stop the reconnect loop, or a
    // gateway that never reached Redis would keep retrying after shutdown.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [GatewayConfig],
      useFactory: (cfg: GatewayConfig) =>
        // No offline queue and a short command timeout: while Redis is away a request is not held up
        // (the limiter fails open at once and readiness reports Redis down).
        new Redis(cfg.REDIS_URL, {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          commandTimeout: cfg.REDIS_COMMAND_TIMEOUT_MS,
          connectTimeout: 2000,
          lazyConnect: false,
        }),
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
