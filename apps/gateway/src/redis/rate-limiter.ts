import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { toErrorResponse } from '@app/shared/errors';
import { DomainError } from '@app/shared/errors';

/**
 * Fixed-window limiter in Redis (INCR + PEXPIRE in one MULTI), keyed by the bearer token's hash or, without
 * one, by client IP. Runs as a Fastify onRequest hook so it also counts requests that fail authentication.
 * If Redis is down the request is let through (fail open) and logged: availability beats throttling here.
 */
export function rateLimitHook(
  redis: Redis,
  opts: { limit: number; prefix: string; windowMs?: number; onError?: (e: unknown) => void },
) {
  const windowMs = opts.windowMs ?? 60_000;
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const url = req.url;
    if (url.startsWith('/health') || url.startsWith('/docs')) return;
    const auth = req.headers.authorization;
    const who = auth ? `t:${createHash('sha256').update(auth).digest('hex').slice(0, 32)}` : `ip:${req.ip}`;
    const window = Math.floor(Date.now() / windowMs);
    const key = `${opts.prefix}:${who}:${window}`;
    let count: number;
    try {
      const res = await redis.multi().incr(key).pexpire(key, windowMs).exec();
      count = Number(res?.[0]?.[1] ?? 0);
    } catch (e) {
      opts.onError?.(e);
      return;
    }
    const remaining = Math.max(0, opts.limit - count);
    void reply
      .header('x-ratelimit-limit', String(opts.limit))
      .header('x-ratelimit-remaining', String(remaining));
    if (count > opts.limit) {
      const retryAfter = Math.ceil(((window + 1) * windowMs - Date.now()) / 1000);
      const { status, body } = toErrorResponse(
        new DomainError('RATE_LIMITED', undefined, { limit: opts.limit, windowSeconds: windowMs / 1000 }),
      );
      await reply.status(status).header('retry-after', String(retryAfter)).send(body);
    }
  };
}
