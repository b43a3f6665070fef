import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import Redis from 'ioredis';
import { JwtVerifier } from '@app/shared/auth';
import { registerPdfBodyParser } from '@app/shared/http';
import { GatewayConfig } from './config/gateway.config';
import { PUBLIC_API_INFO, PublicDocsService } from './docs/public-docs.service';
import { PDF_LIMIT_BYTES, PDF_ROUTE, registerProxyRoutes } from './proxy/proxy.routes';
import { isPublicRead } from './proxy/route-map';
import { rateLimitHook, throttledWarning } from './redis/rate-limiter';
import { REDIS } from './redis/redis.module';

/**
 * The edge: bodies are passed on as bytes (JSON up to BODY_LIMIT_BYTES, PDF on file verification only),
 * Redis rate limits before anything else, the prefix proxy, and the merged public OpenAPI document.
 */
export function configureGateway(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const cfg = app.get(GatewayConfig);
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  registerPdfBodyParser(app, { routes: [PDF_ROUTE], limitBytes: PDF_LIMIT_BYTES });
  const logger = new Logger('RateLimit');
  fastify.addHook(
    'onRequest',
    rateLimitHook(app.get<Redis>(REDIS), app.get(JwtVerifier), {
      limit: cfg.RATE_LIMIT_PER_MINUTE,
      prefix: cfg.RATE_LIMIT_PREFIX,
      publicRead: {
        limit: cfg.RATE_LIMIT_PUBLIC_READ_PER_MINUTE,
        matches: (req) => isPublicRead(req.method, req.url),
      },
      onError: throttledWarning((e, suppressed) =>
        logger.warn({ err: e, suppressed }, 'rate limiter unavailable; requests allowed'),
      ),
    }),
  );
  registerProxyRoutes(app);
  const docs = app.get(PublicDocsService);
  SwaggerModule.setup('docs', app, docs.document, {
    jsonDocumentUrl: 'docs-json',
    patchDocumentOnRequest: () => docs.complete(),
    customSiteTitle: PUBLIC_API_INFO.title,
  });
}
