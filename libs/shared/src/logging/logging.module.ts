import { randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { BaseConfig } from '../config/base.config';
import { CORRELATION_HEADER, getCorrelationId, sanitizeCorrelationId } from './correlation';
import { REDACT_PATHS, scrubText, scrubValue } from './redact';

/**
 * JSON logs (pino) with the correlation id on every line, from HTTP and from Kafka handlers alike,
 * and personal data redacted by path and by pattern.
 */
@Module({})
export class LoggingModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [BaseConfig],
          useFactory: (cfg: BaseConfig) => ({
            pinoHttp: {
              level: cfg.LOG_LEVEL,
              base: { service },
              redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
              genReqId: (req) =>
                sanitizeCorrelationId(req.headers[CORRELATION_HEADER]) ?? getCorrelationId() ?? randomUUID(),
              mixin: () => ({ correlationId: getCorrelationId() }),
              formatters: {
                log: (obj: Record<string, unknown>) => scrubValue(obj) as Record<string, unknown>,
              },
              hooks: {
                logMethod(args, method) {
                  const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a));
                  method.apply(this, scrubbed as Parameters<typeof method>);
                },
              },
              serializers: {
                req: (req: { id?: string; method?: string; url?: string }) => ({
                  id: req.id,
                  method: req.method,
                  url: req.url && scrubText(req.url),
                }),
              },
              autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
              // Access log: every request, or (the default) only those that failed. Per-request logging
              // with redaction costs more CPU than the gateway's forwarding itself.
              customLogLevel: (_req, res, err) =>
                err || res.statusCode >= 500
                  ? 'error'
                  : res.statusCode >= 400
                    ? 'warn'
                    : cfg.LOG_REQUESTS === 'all'
                      ? 'info'
                      : 'silent',
            },
          }),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
