import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Observable, throwError } from 'rxjs';
import { getCorrelationId } from '../logging/correlation';
import { DomainError, ERROR_CODES, ErrorBody, ErrorCode } from '../errors/domain-error';

const STATUS_TO_CODE: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

/** Maps anything thrown to `{code, message, details, correlationId}`; 5xx never leak internals. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  const correlationId = getCorrelationId();
  if (err instanceof DomainError) {
    return {
      status: err.status,
      body: { code: err.code, message: err.message, details: err.details, correlationId },
    };
  }
  // Fastify's own errors (body parser, body limit, content type) carry a code and a statusCode.
  const fst = err as { code?: string; statusCode?: number };
  if (typeof fst?.code === 'string' && fst.code.startsWith('FST_')) {
    const code: ErrorCode =
      fst.code === 'FST_ERR_BAD_URL' || fst.code === 'FST_ERR_ROUTE_REWRITE_NOT_STR'
        ? 'MALFORMED_REQUEST'
        : fst.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? 'PAYLOAD_TOO_LARGE'
          : fst.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'UNSUPPORTED_MEDIA_TYPE'
            : fst.code.includes('JSON') || fst.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
              ? 'MALFORMED_JSON'
              : 'VALIDATION_FAILED';
    return {
      status: ERROR_CODES[code].status,
      body: { code, message: ERROR_CODES[code].message, correlationId },
    };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const code = STATUS_TO_CODE[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
    const res = err.getResponse();
    // A SyntaxError wrapped by the platform (malformed JSON) arrives as a 400 HttpException.
    const raw = typeof res === 'object' && res !== null ? (res as { message?: unknown }).message : res;
    // Only a 400 can be a body that failed to parse: a 404 for `POST /asyncapi.json` is not one.
    const isJson = status === 400 && typeof raw === 'string' && /JSON/i.test(raw);
    const finalCode: ErrorCode = isJson ? 'MALFORMED_JSON' : code;
    return {
      status,
      body: {
        code: finalCode,
        message: ERROR_CODES[finalCode].message,
        details: status < 500 && !isJson && raw !== undefined ? raw : undefined,
        correlationId,
      },
    };
  }
  return {
    status: 500,
    body: { code: 'INTERNAL_ERROR', message: ERROR_CODES.INTERNAL_ERROR.message, correlationId },
  };
}

/** The one global filter (APP_FILTER): HTTP errors to the stable body; RPC errors passed through untouched. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    // Kafka handlers: hand the original error back to the transport, which classifies it (retry / .dlq).
    if (host.getType() !== 'http') return throwError(() => exception);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = toErrorResponse(exception);
    if (status >= 500) {
      this.logger.error({ err: exception, correlationId: body.correlationId }, 'request failed');
    }
    void reply
      .status(status)
      .header('x-correlation-id', body.correlationId ?? '')
      .send(body);
  }
}
