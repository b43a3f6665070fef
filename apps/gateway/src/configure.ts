import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { GatewayConfig } from './config/gateway.config';
import { rateLimitHook } from './redis/rate-limiter';
import { REDIS } from './redis/redis.module';

/** Gateway-only HTTP setup: PDF bodies for file verification, Redis rate limiting before auth. */
export function configureGateway(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const cfg = app.get(GatewayConfig);
  fastify.addContentTypeParser(
    'application/pdf',
    { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  const logger = new Logger('RateLimit');
  fastify.addHook(
    'onRequest',
    rateLimitHook(app.get<Redis>(REDIS), {
      limit: cfg.RATE_LIMIT_PER_MINUTE,
      prefix: cfg.RATE_LIMIT_PREFIX,
      onError: (e) => logger.warn({ err: e }, 'rate limiter unavailable; request allowed'),
    }),
  );
}
