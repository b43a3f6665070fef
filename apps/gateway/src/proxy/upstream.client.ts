import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@app/shared/errors';
import { IDEMPOTENCY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from '@app/shared/http';
import { CORRELATION_HEADER, currentTraceparent, getCorrelationId } from '@app/shared/logging';
import { GatewayConfig } from '../config/gateway.config';

export type Upstream = 'intake' | 'approval' | 'certificate' | 'evaluation';

export interface ForwardOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: object;
  body?: unknown;
  rawBody?: { contentType: string; data: Buffer };
}

const PASS_RESPONSE_HEADERS = [
  'content-type',
  'content-disposition',
  'cache-control',
  'etag',
  IDEMPOTENT_REPLAYED_HEADER,
];

/**
 * Internal HTTP to the owning service. The caller's bearer token is forwarded (every service verifies it
 * again; nothing trusts the network), with the correlation id and a traceparent. The service's status and
 * body are passed through unchanged, so its stable error codes reach the client.
 */
@Injectable()
export class UpstreamClient {
  private readonly logger = new Logger(UpstreamClient.name);

  constructor(private readonly config: GatewayConfig) {}

  private baseUrl(u: Upstream): string {
    switch (u) {
      case 'intake':
        return this.config.INTAKE_URL;
      case 'approval':
        return this.config.APPROVAL_URL;
      case 'certificate':
        return this.config.CERTIFICATE_URL;
      case 'evaluation':
        return this.config.EVALUATION_URL;
    }
  }

  async forward(
    upstream: Upstream,
    req: FastifyRequest,
    reply: FastifyReply,
    opts: ForwardOptions,
  ): Promise<void> {
    // A '.' or '..' segment (from a decoded %2E%2E path parameter) would be collapsed by URL into
    // another route of the service: no such resource.
    if (opts.path.split(/[/?]/).some((seg) => seg === '.' || seg === '..')) {
      throw new DomainError('NOT_FOUND', undefined, { path: opts.path });
    }
    const url = new URL(opts.path, this.baseUrl(upstream));
    for (const [k, v] of Object.entries(opts.query ?? {})) {
      if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    }
    const headers: Record<string, string> = {
      accept: req.headers.accept ?? 'application/json',
      [CORRELATION_HEADER]: getCorrelationId() ?? '',
      traceparent: currentTraceparent(),
    };
    if (req.headers.authorization) headers.authorization = req.headers.authorization;
    const idem = req.headers[IDEMPOTENCY_HEADER];
    if (typeof idem === 'string') headers[IDEMPOTENCY_HEADER] = idem;
    let body: string | Buffer | undefined;
    if (opts.rawBody) {
      headers['content-type'] = opts.rawBody.contentType;
      body = opts.rawBody.data;
    } else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    let res: Response;
    let buf: Buffer;
    try {
      res = await fetch(url, {
        method: opts.method,
        headers,
        body,
        signal: AbortSignal.timeout(this.config.UPSTREAM_TIMEOUT_MS),
      });
      buf = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      this.logger.error({ err: e, upstream, path: opts.path }, 'upstream call failed');
      throw new DomainError('UPSTREAM_UNAVAILABLE', undefined, { upstream });
    }
    void reply.status(res.status);
    for (const h of PASS_RESPONSE_HEADERS) {
      const v = res.headers.get(h);
      if (v) void reply.header(h, v);
    }
    await reply.send(buf);
  }
}
