import { randomUUID } from 'node:crypto';
import type { Options } from 'pino-http';
import type { BaseConfig } from '../config/base.config';
import { CORRELATION_HEADER, getCorrelationId, sanitizeCorrelationId } from './correlation';
import { REDACTED, REDACTED_KEYS, scrubText, scrubValue } from './redact';

/**
 * The services' pino-http options: JSON lines with the correlation id, personal data scrubbed when a line
 * is written (by key at any depth and by pattern, `redact.ts`). Nothing is redacted per request: pino-http
 * gives every request a child logger bound to `req`, and that binding is our serializer's id, method and
 * scrubbed URL (pino's own path redaction ran over that binding on every request, logged or not).
 */
export function pinoHttpOptions(
  service: string,
  cfg: Pick<BaseConfig, 'LOG_LEVEL' | 'LOG_REQUESTS'>,
): Options {
  return {
    level: cfg.LOG_LEVEL,
    base: { service },
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
      // Child loggers' bindings skip `formatters.log`: a binding named like a secret is censored here. No
      // code binds anything but pino-http's `req`, which the next serializer reduces to what may be logged.
      ...Object.fromEntries([...REDACTED_KEYS].map((k) => [k, () => REDACTED])),
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
  };
}
