import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import Redis from 'ioredis';
import { JwtVerifier } from '@app/shared/auth';
import { annotateAccess } from '@app/shared/platform';
import { DEFAULT_JSON_LIMITS, fastifyError, jsonShapeProblem, registerPdfBodyParser } from '@app/shared/http';
import { parse as secureParse } from 'secure-json-parse';
import { GatewayConfig } from './config/gateway.config';
import { PUBLIC_API_INFO, PublicDocsService } from './docs/public-docs.service';
import { PDF_LIMIT_BYTES, PDF_ROUTE, registerProxyRoutes } from './proxy/proxy.routes';
import { isPublicRead } from './proxy/route-map';
import { rateLimitHook, throttledWarning } from './redis/rate-limiter';
import { REDIS } from './redis/redis.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { ExchangeModule } from './exchange/exchange.module';

/** The gateway's own JSON routes (partner webhooks): their bodies are parsed here, not passed on. */
const OWN_JSON_ROUTES = '/api/v1/webhooks/';

/** The platform's JSON rules (json-body.ts): shape limits, then a parse that refuses prototype keys. */
function parseOwnJson(body: Buffer, done: (err: Error | null, body?: unknown) => void): void {
  const text = body.toString('utf8');
  if (text.trim() === '') return done(fastifyError('FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'empty JSON body'));
  const problem = jsonShapeProblem(text, DEFAULT_JSON_LIMITS);
  if (problem) return done(fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400, `JSON body ${problem}`));
  try {
    done(null, secureParse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
  } catch {
    done(fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400, 'invalid JSON'));
  }
}

/**
 * The edge: bodies are passed on as bytes (JSON up to BODY_LIMIT_BYTES, PDF on file verification only),
 * Redis rate limits before anything else, the prefix proxy, and the merged public OpenAPI document.
 */
export function configureGateway(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const cfg = app.get(GatewayConfig);
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) =>
    req.url.startsWith(OWN_JSON_ROUTES) ? parseOwnJson(body as Buffer, done) : done(null, body),
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
  const own = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .build(),
    { include: [WebhooksModule, ExchangeModule] },
  );
  annotateAccess(app, own);
  docs.setOwn(own);
  SwaggerModule.setup('docs', app, docs.document, {
    jsonDocumentUrl: 'docs-json',
    patchDocumentOnRequest: () => docs.complete(),
    customSiteTitle: PUBLIC_API_INFO.title,
  });
}
