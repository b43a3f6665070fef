import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Agent, Dispatcher, request } from 'undici';
import { DomainError } from '@app/shared/errors';
import { IDEMPOTENCY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from '@app/shared/http';
import { CORRELATION_HEADER, currentTraceparent, getCorrelationId } from '@app/shared/logging';
import { GatewayConfig } from '../config/gateway.config';
import { ResponseCache } from './response-cache';
import type { Upstream } from './route-map';

const PASS_REQUEST_HEADERS = ['accept', 'authorization', 'content-type', IDEMPOTENCY_HEADER, 'if-none-match'];
const PASS_RESPONSE_HEADERS = [
  'content-type',
  'content-disposition',
  'cache-control',
  'etag',
  'retry-after',
  IDEMPOTENT_REPLAYED_HEADER,
];

/**
 * Internal HTTP to the owning service. The caller's bearer token is forwarded (every service verifies it
 * again; nothing trusts the network), with the correlation id and a traceparent; the request body is
 * passed on as the bytes the client sent. The service's status, body and a few headers come back
 * unchanged, so its stable error codes reach the client. An unreachable or slow service is a 503.
 */
@Injectable()
export class UpstreamClient implements OnApplicationShutdown {
  private readonly logger = new Logger(UpstreamClient.name);
  private readonly bases: Record<Upstream, string>;
  /** Keep-alive connection pools to the services (undici's request API: far cheaper than fetch). */
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connections: 64, pipelining: 1 });
  private readonly cache: ResponseCache;

  constructor(private readonly config: GatewayConfig) {
    this.bases = {
      intake: config.INTAKE_URL,
      approval: config.APPROVAL_URL,
      certificate: config.CERTIFICATE_URL,
      evaluation: config.EVALUATION_URL,
      supervision: config.SUPERVISION_URL,
    };
    this.cache = new ResponseCache({
      maxEntries: 1000,
      maxBytes: 32 * 1024 * 1024,
      maxSeconds: config.PUBLIC_CACHE_MAX_SECONDS,
    });
  }

  baseUrl(u: Upstream): string {
    return this.bases[u].replace(/\/$/, '');
  }

  /** `servicePath` is the path and raw query string as the service knows it (`/applications?page=2`). */
  async forward(
    upstream: Upstream,
    servicePath: string,
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const cacheKey =
      req.method === 'GET' && req.headers.authorization === undefined ? servicePath : undefined;
    const cached = cacheKey ? this.cache.get(cacheKey) : undefined;
    if (cached) {
      this.send(
        reply,
        cached.etag && req.headers['if-none-match'] === cached.etag ? 304 : 200,
        cached.headers,
      );
      await reply.send(reply.statusCode === 304 ? undefined : cached.body);
      return;
    }
    const headers: Record<string, string> = {
      [CORRELATION_HEADER]: getCorrelationId() ?? '',
      traceparent: currentTraceparent(),
    };
    for (const h of PASS_REQUEST_HEADERS) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    const body = Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : undefined;
    const timeout = this.timeoutOf(req);
    let res: Dispatcher.ResponseData;
    let buf: Buffer;
    try {
      res = await request(`${this.baseUrl(upstream)}${servicePath}`, {
        method: req.method as Dispatcher.HttpMethod,
        headers,
        body,
        dispatcher: this.agent,
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      buf = Buffer.from(await res.body.arrayBuffer());
    } catch (e) {
      this.logger.error({ err: e, upstream, method: req.method }, 'upstream call failed');
      throw new DomainError('UPSTREAM_UNAVAILABLE', undefined, { upstream });
    }
    const passed: Record<string, string> = {};
    for (const h of PASS_RESPONSE_HEADERS) {
      const v = res.headers[h];
      if (typeof v === 'string') passed[h] = v;
    }
    if (cacheKey) this.cache.offer(cacheKey, res.statusCode, passed, buf);
    this.send(reply, res.statusCode, passed);
    await reply.send(buf);
  }

  /**
   * The upstream timeout of a request: UPSTREAM_TIMEOUT_MS, or for a long poll (a GET with `waitVersion`,
   * waiting up to `waitSeconds`, default 20, at most 30) that wait plus 5 s.
   */
  private timeoutOf(req: FastifyRequest): number {
    const q = req.query as Record<string, unknown> | undefined;
    if (req.method !== 'GET' || q?.waitVersion === undefined) return this.config.UPSTREAM_TIMEOUT_MS;
    const wait = Math.min(30, Math.max(0, Number(q.waitSeconds ?? 20) || 20));
    return Math.max(this.config.UPSTREAM_TIMEOUT_MS, (wait + 5) * 1000);
  }

  private send(reply: FastifyReply, status: number, headers: Record<string, string>): void {
    void reply.status(status);
    for (const [h, v] of Object.entries(headers)) void reply.header(h, v);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent.close();
  }
}
