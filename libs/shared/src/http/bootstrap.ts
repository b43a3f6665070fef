import { randomUUID } from 'node:crypto';
import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { BaseConfig } from '../config/base.config';
import { loadConfig } from '../config/load-config';
import { toErrorResponse } from '../errors/http-exception.filter';
import { DomainError } from '../errors/domain-error';
import { KafkaEventServer } from '../kafka/kafka-event.server';
import { findNulCharacter } from './input-guard';
import {
  CORRELATION_HEADER,
  runWithContext,
  sanitizeCorrelationId,
  traceIdFromTraceparent,
} from '../logging/correlation';

export interface BootstrapOptions {
  service: string;
  title: string;
  description: string;
  /** Connects the Kafka consumer transport (domain services). */
  kafkaConsumer: boolean;
  /** Extra setup before listen (e.g. raw routes). */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/**
 * Creates a Fastify-based Nest app with the platform conventions: correlation id per request (also on the
 * response), fastify-level errors (bad JSON, body limit) mapped to the same error body, Swagger at /docs and
 * /docs-json, graceful shutdown, and — for domain services — the Kafka consumer started after init.
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
    // Router-level errors (bad URL encoding, over-long params) get the same error body as everything else.
    frameworkErrors: (err: Error, _req: FastifyRequest, reply: FastifyReply) => {
      const { status, body } = toErrorResponse(err);
      void reply.status(status).send(body);
    },
  });
  const fastify = adapter.getInstance();
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
    const where =
      findNulCharacter(req.params, 'path') ??
      findNulCharacter(req.query, 'query') ??
      findNulCharacter(req.body, 'body');
    if (where) {
      const { status, body } = toErrorResponse(
        new DomainError('VALIDATION_FAILED', undefined, [
          { field: where, problems: ['不允许包含空字符 / NUL characters are not allowed'] },
        ]),
      );
      await reply.status(status).send(body);
    }
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await opts.configure?.(app);

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(opts.title)
      .setDescription(opts.description)
      .setVersion('1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'docs-json' });

  if (opts.kafkaConsumer) {
    app.connectMicroservice({ strategy: app.get(KafkaEventServer) }, { inheritAppConfig: true });
  }
  await app.init();
  return app;
}

/** main.ts of every app: validate config (fail fast, readable), build, listen, start consumers. */
export async function bootstrapService<T extends BaseConfig>(
  module: Type<unknown>,
  schema: new () => T,
  opts: BootstrapOptions,
): Promise<INestApplication> {
  const config = loadConfig(schema);
  const app = await createPlatformApp(module, opts, config);
  await app.listen(config.PORT, config.HOST);
  if (opts.kafkaConsumer) await app.startAllMicroservices();
  app.get(Logger).log(`${opts.service} listening on http://${config.HOST}:${config.PORT} (docs at /docs)`);
  return app;
}

/** Prints a config error without a stack and exits 1. */
export function exitOnBootError(e: unknown): never {
  // eslint-disable-next-line no-console
  console.error(e instanceof Error && e.name === 'ConfigValidationError' ? e.message : e);
  process.exit(1);
}
