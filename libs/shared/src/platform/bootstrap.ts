import { randomUUID } from 'node:crypto';
import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { BaseConfig } from '../config/base.config';
import { runDeclaredMigrations } from '../database/database.module';
import { loadConfig } from '../config/load-config';
import { DomainError } from '../errors/domain-error';
import { clientErrorHandler } from '../http/client-error';
import { toErrorResponse } from '../http/http-exception.filter';
import { registerJsonBodyParser } from '../http/json-body';
import { KafkaEventServer } from '../kafka/kafka-event.server';
import {
  CORRELATION_HEADER,
  runWithContext,
  sanitizeCorrelationId,
  traceIdFromTraceparent,
} from '../logging/correlation';
import { httpRequestDuration, initMetrics } from '../metrics/metrics';
import { findForbiddenText } from '../validation/text';
import { routeTable } from './route-metadata';

export interface BootstrapOptions {
  service: string;
  title: string;
  description: string;
  /** Connects the Kafka consumer transport (domain services). */
  kafkaConsumer: boolean;
  /** Extra setup before listen (e.g. raw routes). */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
  /** Serve this app's own OpenAPI document at /docs (default); the gateway serves a merged one instead. */
  ownOpenApi?: boolean;
}

/** The OpenAPI extensions that state who may call an operation (the gateway's merged document keeps them). */
export const X_PUBLIC = 'x-public';
export const X_ROLES = 'x-roles';

/**
 * Writes each route's access (from its @Public()/@Roles() metadata) into the OpenAPI document, so the
 * merged public document and the route-table tests read who may call an operation from one declaration.
 */
export function annotateAccess(app: INestApplication, doc: OpenAPIObject): void {
  for (const r of routeTable(app)) {
    const op = doc.paths[r.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[
      r.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
    ] as Record<string, unknown> | undefined;
    if (!op) continue;
    op[X_PUBLIC] = r.isPublic;
    op[X_ROLES] = r.isPublic ? [] : r.roles;
    op.security = r.isPublic ? [] : [{ bearer: [] }];
  }
}

/** An error body for requests refused before Nest runs, with a correlation id even then. */
function replyError(req: FastifyRequest, reply: FastifyReply, err: unknown): void {
  const correlationId = sanitizeCorrelationId(req.headers[CORRELATION_HEADER]) ?? randomUUID();
  runWithContext({ correlationId }, () => {
    const { status, body } = toErrorResponse(err);
    void reply.status(status).header(CORRELATION_HEADER, correlationId).send(body);
  });
}

/**
 * Creates a Fastify-based Nest app with the platform conventions: correlation id per request (also on the
 * response); every error — the HTTP parser's, the router's, the body parser's, Nest's — in the one error
 * body; JSON bodies within depth and size limits; NUL characters and lone surrogates refused anywhere in
 * the path, query or body; Swagger at /docs and /docs-json with each operation's access; graceful shutdown;
 * and — for domain services — the Kafka consumer started after init.
 */
export async function createPlatformApp(
  module: Type<unknown>,
  opts: BootstrapOptions,
  config: BaseConfig,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    // QR verification tokens travel in the path.
    routerOptions: { maxParamLength: 1000 },
    frameworkErrors: (err: Error, req: FastifyRequest, reply: FastifyReply) => replyError(req, reply, err),
    clientErrorHandler,
  });
  const fastify = adapter.getInstance();
  initMetrics(opts.service);
  registerJsonBodyParser(fastify);
  fastify.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (!route.startsWith('/health') && route !== '/metrics') {
      httpRequestDuration.observe(
        { method: req.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    }
    done();
  });
  fastify.addHook('onRequest', (req, reply, done) => {
    const correlationId = sanitizeCorrelationId(req.headers[CORRELATION_HEADER]) ?? randomUUID();
    const tp = req.headers.traceparent;
    void reply.header(CORRELATION_HEADER, correlationId);
    runWithContext(
      { correlationId, traceId: traceIdFromTraceparent(typeof tp === 'string' ? tp : undefined) },
      done,
    );
  });
  fastify.addHook('preValidation', async (req, reply) => {
    const bad =
      findForbiddenText(req.params, 'path') ??
      findForbiddenText(req.query, 'query') ??
      findForbiddenText(req.body, 'body');
    if (bad) {
      const { status, body } = toErrorResponse(
        new DomainError('VALIDATION_FAILED', undefined, [{ field: bad.path, problems: [bad.problem] }]),
      );
      await reply.status(status).send(body);
    }
  });
  // The platform's own JSON parser (json-body.ts) replaces Nest's default body parser.
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await opts.configure?.(app);

  if (opts.ownOpenApi !== false) {
    const doc = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(opts.title)
        .setDescription(opts.description)
        .setVersion('1.0')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
        .build(),
    );
    annotateAccess(app, doc);
    SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'docs-json' });
  }

  if (opts.kafkaConsumer) {
    app.connectMicroservice({ strategy: app.get(KafkaEventServer) }, { inheritAppConfig: true });
  }
  await app.init();
  return app;
}

/**
 * main.ts of every app: validate config (fail fast, readable), build, listen, start consumers.
 * `main.js --migrate` instead runs the app's pending migrations and exits (the per-release migration Job).
 */
export async function bootstrapService<T extends BaseConfig>(
  module: Type<unknown>,
  schema: new () => T,
  opts: BootstrapOptions,
): Promise<INestApplication | undefined> {
  const config = loadConfig(schema);
  if (process.argv.includes('--migrate')) {
    await migrateAndExit(opts.service, config);
    return undefined;
  }
  const app = await createPlatformApp(module, opts, config);
  await app.listen(config.PORT, config.HOST);
  if (opts.kafkaConsumer) await app.startAllMicroservices();
  app.get(Logger).log(`${opts.service} listening on http://${config.HOST}:${config.PORT} (docs at /docs)`);
  return app;
}

async function migrateAndExit(service: string, config: BaseConfig): Promise<void> {
  const url = (config as BaseConfig & { DATABASE_URL?: string }).DATABASE_URL;
  if (!url) throw new Error(`${service} has no database: nothing to migrate`);
  const names = await runDeclaredMigrations(url);
  // eslint-disable-next-line no-console
  console.log(
    names.length === 0
      ? `[${service}] migrations: none pending`
      : `[${service}] migrations applied: ${names.join(', ')}`,
  );
  process.exit(0);
}

/** Prints a config error without a stack and exits 1. */
export function exitOnBootError(e: unknown): never {
  // eslint-disable-next-line no-console
  console.error(e instanceof Error && e.name === 'ConfigValidationError' ? e.message : e);
  process.exit(1);
}
