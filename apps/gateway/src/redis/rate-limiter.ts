import type { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { bearerToken, type JwtVerifier, type Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { toErrorResponse } from '@app/shared/http';
import { type IncrementBy, LeasedCounter } from './leased-counter';

/**
 * Who a request counts against: the subject of a token whose signature verifies (`u:<sub>`), otherwise
 * the client address (`ip:<ip>`, the real client behind a proxy only when TRUST_PROXY names it). A caller
 * cannot get a fresh bucket by inventing tokens or X-Forwarded-For headers: unverifiable tokens count
 * against their IP.
 */
export function rateLimitKey(
  req: FastifyRequest & { principal?: Principal },
  verifier: Pick<JwtVerifier, 'verify'>,
): string {
  const auth = req.headers.authorization;
  const token = bearerToken(auth);
  if (token) {
    try {
      // Kept on the request: the auth guard reuses it instead of verifying the same token again.
      req.principal = verifier.verify(token);
      return `u:${req.principal.sub}`;
    } catch {
      // fall through: an invalid token is limited by address
    }
  }
  return `ip:${req.ip}`;
}

/**
 * One command per reservation: INCRBY, and PEXPIRE when it created the window's counter, in a server-side
 * script (EVALSHA, loaded once) — instead of MULTI / INCRBY / PEXPIRE / EXEC.
 */
const COUNT_SCRIPT = `local n = redis.call('INCRBY', KEYS[1], ARGV[2])
if n == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

type CountingRedis = Redis & {
  rateLimitCount?: (key: string, windowMs: number, amount: number) => Promise<number>;
};

/** The counting command, defined once per client (ioredis sends EVALSHA, and EVAL when Redis lacks it). */
function counter(redis: Redis, windowMs: number): IncrementBy {
  const r = redis as CountingRedis;
  if (!r.rateLimitCount) r.defineCommand('rateLimitCount', { numberOfKeys: 1, lua: COUNT_SCRIPT });
  return async (key, amount) => Number(await r.rateLimitCount!(key, windowMs, amount));
}

/**
 * Fixed-window limiter counted in Redis, shared by the gateway's replicas. A busy bucket reserves runs of
 * numbers (`LeasedCounter`): a few requests are counted one by one, a busy client costs one Redis call per
 * hundreds of requests. Runs as a Fastify onRequest hook so it also counts requests that fail
 * authentication. If Redis is down or slow (no offline queue, short command timeout) the request is let
 * through at once (fail open) and the problem logged: availability of the public service beats throttling.
 */
export function rateLimitHook(
  redis: Redis,
  verifier: Pick<JwtVerifier, 'verify'>,
  opts: {
    limit: number;
    prefix: string;
    windowMs?: number;
    onError?: (e: unknown) => void;
    /** Anonymous public reads (catalog, keys, verification) count in their own, larger bucket. */
    publicRead?: { limit: number; matches: (req: FastifyRequest) => boolean };
  },
) {
  const windowMs = opts.windowMs ?? 60_000;
  const counted = new LeasedCounter(counter(redis, windowMs));
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const url = req.url;
    if (url.startsWith('/health') || url.startsWith('/docs')) return;
    const window = Math.floor(Date.now() / windowMs);
    const who = rateLimitKey(req, verifier);
    const publicRead = who.startsWith('ip:') && opts.publicRead?.matches(req) === true;
    const limit = publicRead ? opts.publicRead!.limit : opts.limit;
    const key = `${opts.prefix}:${publicRead ? 'pub:' : ''}${who}:${window}`;
    let n: number;
    try {
      n = await counted.take(key, window, limit);
    } catch (e) {
      opts.onError?.(e);
      return;
    }
    const remaining = Math.max(0, limit - n);
    void reply.header('x-ratelimit-limit', String(limit)).header('x-ratelimit-remaining', String(remaining));
    if (n > limit) {
      const retryAfter = Math.ceil(((window + 1) * windowMs - Date.now()) / 1000);
      const { status, body } = toErrorResponse(
        new DomainError('RATE_LIMITED', undefined, { limit, windowSeconds: windowMs / 1000 }),
      );
      await reply.status(status).header('retry-after', String(retryAfter)).send(body);
    }
  };
}

/** Logs at most one warning per interval (a Redis outage would otherwise log every request). */
export function throttledWarning(log: (e: unknown, suppressed: number) => void, intervalMs = 10_000) {
  let last = 0;
  let suppressed = 0;
  return (e: unknown): void => {
    const now = Date.now();
    if (now - last < intervalMs) {
      suppressed++;
      return;
    }
    log(e, suppressed);
    last = now;
    suppressed = 0;
  };
}
