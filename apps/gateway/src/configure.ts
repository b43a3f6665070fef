import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { JwtVerifier } from '@app/shared/auth';
import { registerPdfBodyParser } from '@app/shared/http';
import { GatewayConfig } from './config/gateway.config';
import { rateLimitHook, throttledWarning } from './redis/rate-limiter';
import { REDIS } from './redis/redis.module';

/** Gateway-only HTTP setup: PDF bodies for file verification, Redis rate limiting before auth. */
export function configureGateway(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const cfg = app.get(GatewayConfig);
  registerPdfBodyParser(app, { routes: ['/api/v1/verify/file'], limitBytes: 10 * 1024 * 1024 });
  const logger = new Logger('RateLimit');
  fastify.addHook(
    'onRequest',
    rateLimitHook(app.get<Redis>(REDIS), app.get(JwtVerifier), {
      limit: cfg.RATE_LIMIT_PER_MINUTE,
      prefix: cfg.RATE_LIMIT_PREFIX,
      onError: throttledWarning((e, suppressed) =>
        logger.warn({ err: e, suppressed }, 'rate limiter unavailable; requests allowed'),
      ),
    }),
  );
}
