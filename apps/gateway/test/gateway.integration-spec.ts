import { createServer, IncomingMessage, Server } from 'node:http';
import { connect } from 'node:net';
import { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { BootedApp, testEnv, testToken } from '@app/shared/testing';
import { bootGatewayApp } from './gateway-under-test';

/**
 * The gateway against the real Redis, with a recording HTTP server standing in for the domain services
 * (the e2e test drives the real ones): auth and roles are enforced before anything is forwarded, the
 * caller's token and correlation id are forwarded, rate limits hold, an unreachable service is a 503.
 */
describe('gateway (integration, real Redis)', () => {
  const env = testEnv();
  const prefix = `it:gw:${randomBytes(3).toString('hex')}`;
  const seen: Array<{
    method: string;
    url: string;
    auth?: string;
    correlation?: string;
    idempotencyKey?: string;
    body: string;
  }> = [];
  let upstream: Server;
  let gw: BootedApp;
  let redis: Redis;

  beforeAll(async () => {
    upstream = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        // The gateway's own background fetch of the services' OpenAPI documents (every 2 s while one is
        // missing, as EVALUATION_URL is here) is not a proxied request: tests count only those.
        if (req.url !== '/docs-json') {
          seen.push({
            method: req.method ?? '',
            url: req.url ?? '',
            auth: req.headers.authorization,
            correlation: req.headers['x-correlation-id'] as string,
            idempotencyKey: req.headers['idempotency-key'] as string | undefined,
            body,
          });
        }
        res.writeHead(req.url?.startsWith('/applications') && req.method === 'POST' ? 201 : 200, {
          'content-type': 'application/json',
          ...(req.headers['idempotency-key'] ? { 'idempotent-replayed': 'true' } : {}),
          ...(req.url?.startsWith('/keys') ? { 'cache-control': 'public, max-age=300', etag: '"k1"' } : {}),
        });
        res.end(JSON.stringify({ ok: true, path: req.url }));
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const up = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    gw = await bootGatewayApp({
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      KAFKA_CLIENT_ID: 'it-gateway',
      JWT_PUBLIC_KEY: env.jwtPublicKey,
      REDIS_URL: env.redisUrl,
      RATE_LIMIT_PER_MINUTE: '40',
      RATE_LIMIT_PUBLIC_READ_PER_MINUTE: '60',
      RATE_LIMIT_PREFIX: prefix,
      INTAKE_URL: up,
      APPROVAL_URL: up,
      CERTIFICATE_URL: up,
      EVALUATION_URL: 'http://127.0.0.1:1', // nothing listens there
    });
    redis = new Redis(env.redisUrl);
  });

  afterAll(async () => {
    await gw.close();
    await redis.quit();
    await new Promise<void>((r) => upstream.close(() => r()));
  });

  const call = (
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${gw.url}${path}`, {
      method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.headers ?? {}),
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });

  it('is ready only with Redis, and live without anything', async () => {
    expect((await call('GET', '/health/live')).status).toBe(200);
    const ready = await call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { redis: { status: 'up' } } });
  });

  it('forwards the caller’s token and correlation id to the owning service', async () => {
    const token = testToken({ sub: 'admin', roles: ['admin'] });
    const r = await call('GET', '/api/v1/applications?page=2&pageSize=5&status=DONE', {
      token,
      headers: { 'x-correlation-id': 'corr-123' },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-correlation-id')).toBe('corr-123');
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ method: 'GET', auth: `Bearer ${token}`, correlation: 'corr-123' });
    expect(last.url).toBe('/applications?page=2&pageSize=5&status=DONE');
  });

  it('passes the Idempotency-Key to the owning service and its replay marker back', async () => {
    const token = testToken({ sub: 'admin', roles: ['admin'] });
    const r = await call('GET', '/api/v1/items', { token, headers: { 'idempotency-key': 'key-0123456789' } });
    expect(r.headers.get('idempotent-replayed')).toBe('true');
    expect(seen[seen.length - 1]).toMatchObject({ idempotencyKey: 'key-0123456789' });
  });

  it('does not let a dot-segment path parameter reach another route of the service', async () => {
    const before = seen.length;
    const token = testToken({ sub: 'admin', roles: ['admin'] });
    const r = await call('GET', '/api/v1/applications/%2E%2E', { token });
    expect([r.status, ((await r.json()) as { code: string }).code]).toEqual([404, 'NOT_FOUND']);
    expect(seen.length).toBe(before);
  });

  it('answers 401 itself for a bad token and forwards nothing; role and input checks are the services’', async () => {
    const before = seen.length;
    const expired = testToken({ sub: 'a', roles: ['applicant'] }, { expiresInSeconds: -60 });
    const foreign = testToken({ sub: 'a', roles: ['applicant'] }, { issuer: 'someone-else' });
    for (const auth of [
      `Bearer ${expired}`,
      `Bearer ${foreign}`,
      'Bearer not.a.jwt',
      'Basic dXNlcjpwdw==',
      'Bearer',
    ]) {
      const r = await call('POST', '/api/v1/applications', { body: {}, headers: { authorization: auth } });
      expect([r.status, ((await r.json()) as { code: string }).code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect(seen.length).toBe(before);
    // Without a token the owning service decides (it alone declares which of its routes are public).
    const anon = await call('GET', '/api/v1/items?page=1');
    expect(anon.status).toBe(200);
    expect(seen[seen.length - 1]).toMatchObject({ method: 'GET', url: '/items?page=1', auth: undefined });
  });

  it('forwards the body as the client sent it, and refuses unknown prefixes and NUL in the path', async () => {
    const token = testToken({ sub: 'a', roles: ['applicant'] });
    const raw = '{ "itemCode" : "X",  "k": "\\u4e2d" }';
    const r = await fetch(`${gw.url}/api/v1/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: raw,
    });
    expect(r.status).toBe(201);
    expect(seen[seen.length - 1]).toMatchObject({ method: 'POST', url: '/applications', body: raw });
    const before = seen.length;
    const unknown = await call('GET', '/api/v1/nothing-here/1', { token });
    expect([unknown.status, ((await unknown.json()) as { code: string }).code]).toEqual([404, 'NOT_FOUND']);
    const nul = await call('GET', '/api/v1/applications/a%00b', { token });
    expect([nul.status, ((await nul.json()) as { code: string }).code]).toEqual([400, 'VALIDATION_FAILED']);
    const text = await fetch(`${gw.url}/api/v1/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect([text.status, ((await text.json()) as { code: string }).code]).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ]);
    expect(seen.length).toBe(before);
  });

  it('exposes Prometheus metrics: requests by route pattern and status, process and Redis series', async () => {
    await call('GET', '/api/v1/items?page=3');
    const r = await call('GET', '/metrics');
    expect([r.status, r.headers.get('content-type')]).toEqual([
      200,
      'text/plain; version=0.0.4; charset=utf-8',
    ]);
    const text = await r.text();
    expect(text).toMatch(
      /http_request_duration_seconds_count\{[^}]*method="GET"[^}]*route="\/api\/v1\/\*"[^}]*status="200"/,
    );
    expect(text).toMatch(/process_cpu_seconds_total\{service="gateway"\}/);
    expect(text).toContain('infrastructure_client_errors_total');
  });

  it('serves public cacheable answers from its edge cache, never authenticated ones', async () => {
    const before = seen.length;
    const first = await call('GET', '/api/v1/keys?edge=1');
    const second = await call('GET', '/api/v1/keys?edge=1');
    expect([first.status, second.status, second.headers.get('etag')]).toEqual([200, 200, '"k1"']);
    expect(await second.text()).toBe(await first.text());
    const revalidated = await call('GET', '/api/v1/keys?edge=1', { headers: { 'if-none-match': '"k1"' } });
    expect(revalidated.status).toBe(304);
    expect(seen.length).toBe(before + 1);
    const token = testToken({ sub: 'p', roles: ['partner'] });
    await call('GET', '/api/v1/keys?edge=1', { token });
    await call('GET', '/api/v1/keys?edge=1', { token });
    expect(seen.length).toBe(before + 3);
    // An answer without Cache-Control: public is never reused.
    await call('GET', '/api/v1/items?edge=1');
    await call('GET', '/api/v1/items?edge=1');
    expect(seen.length).toBe(before + 5);
  });

  it('maps an unreachable service to 503 UPSTREAM_UNAVAILABLE', async () => {
    const r = await call('GET', '/api/v1/reviews/33010020261124000001', {
      token: testToken({ sub: 'a', roles: ['applicant'] }),
    });
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('rate-limits per client in Redis with 429 and Retry-After, other clients unaffected', async () => {
    const token = testToken({ sub: `limited-${prefix}`, roles: ['admin'] });
    let limited: Response | undefined;
    for (let i = 0; i < 45 && !limited; i++) {
      const r = await call('GET', '/api/v1/items', { token });
      if (r.status === 429) limited = r;
    }
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited!.json()).toMatchObject({ code: 'RATE_LIMITED' });
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    // The counting script sets the window's expiry on its first hit: every counter goes away with its window.
    for (const k of keys) {
      const ttl = await redis.pttl(k);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
    const other = await call('GET', '/api/v1/items', {
      token: testToken({ sub: 'other', roles: ['admin'] }),
    });
    expect(other.status).toBe(200);
  });

  it('takes PDF bodies on file verification only, up to 10 MiB', async () => {
    const before = seen.length;
    const pdf = Buffer.from('%PDF-1.7\n%test\n');
    const elsewhere = await fetch(`${gw.url}/api/v1/applications`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${testToken({ sub: 'a', roles: ['applicant'] })}`,
        'content-type': 'application/pdf',
      },
      body: pdf,
    });
    expect([elsewhere.status, ((await elsewhere.json()) as { code: string }).code]).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ]);
    const huge = await fetch(`${gw.url}/api/v1/verify/file`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x20),
    });
    expect([huge.status, ((await huge.json()) as { code: string }).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(seen.length).toBe(before);
    const ok = await fetch(`${gw.url}/api/v1/verify/file`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: pdf,
    });
    expect(ok.status).toBe(200);
    expect(seen[seen.length - 1]).toMatchObject({ method: 'POST', url: '/verify/file' });
  });

  // Last in the file: it exhausts the bucket of this machine's address for the current minute.
  it('cannot be bypassed with invented tokens or X-Forwarded-For headers', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 45 && !limited; i++) {
      const r = await call('GET', '/api/v1/applications', {
        token: `forged.${randomBytes(8).toString('hex')}.sig`,
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      if (r.status === 429) limited = r;
    }
    expect(limited).toBeDefined();
    expect(await limited!.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await redis.keys(`${prefix}:ip:127.0.0.1:*`)).toHaveLength(1);
    expect(await redis.keys(`${prefix}:ip:203.0.113.*`)).toHaveLength(0);
    // Anonymous callers from the same address share that bucket; a verified caller has its own.
    expect((await call('GET', '/api/v1/applications')).status).toBe(429);
    const verified = await call('GET', '/api/v1/items', {
      token: testToken({ sub: 'fresh', roles: ['admin'] }),
    });
    expect(verified.status).toBe(200);
    // Anonymous public reads (catalog, keys, QR verification) have their own, larger budget.
    const kiosk = await call('GET', '/api/v1/items?page=1');
    expect([kiosk.status, kiosk.headers.get('x-ratelimit-limit')]).toEqual([200, '60']);
    expect(await redis.keys(`${prefix}:pub:ip:127.0.0.1:*`)).toHaveLength(1);
    let publicLimited: Response | undefined;
    for (let i = 0; i < 70 && !publicLimited; i++) {
      const r = await call('GET', '/api/v1/verify/GOVLIC1.x.y');
      if (r.status === 429) publicLimited = r;
    }
    expect(publicLimited).toBeDefined();
    // A POST to a public route is not a public read.
    expect((await call('POST', '/api/v1/verify/file', { body: {} })).status).toBe(429);
  });
});

describe('gateway with Redis unreachable (integration)', () => {
  const env = testEnv();
  let gw: BootedApp;

  beforeAll(async () => {
    gw = await bootGatewayApp({
      NODE_ENV: 'test',
      LOG_LEVEL: 'fatal',
      KAFKA_CLIENT_ID: 'it-gateway-noredis',
      JWT_PUBLIC_KEY: env.jwtPublicKey,
      REDIS_URL: 'redis://127.0.0.1:1', // nothing listens there
      RATE_LIMIT_PER_MINUTE: '1',
      INTAKE_URL: 'http://127.0.0.1:1',
    });
  });

  afterAll(() => gw.close());

  it('fails open at once for requests and reports not ready', async () => {
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      const r = await fetch(`${gw.url}/api/v1/items`);
      // Not limited (limit is 1/min), not held up waiting for Redis: the upstream answer (503) comes fast.
      expect([r.status, ((await r.json()) as { code: string }).code]).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
      expect(Date.now() - t0).toBeLessThan(1500);
    }
    const ready = await fetch(`${gw.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { redis: { status: 'down' } } });
  });
});

describe('gateway rate limits with a large budget: leased counting (integration, real Redis)', () => {
  const env = testEnv();
  const prefix = `it:gw-lease:${randomBytes(3).toString('hex')}`;
  let gw: BootedApp;
  let redis: Redis;

  beforeAll(async () => {
    gw = await bootGatewayApp({
      NODE_ENV: 'test',
      LOG_LEVEL: 'fatal',
      KAFKA_CLIENT_ID: 'it-gateway-lease',
      JWT_PUBLIC_KEY: env.jwtPublicKey,
      REDIS_URL: env.redisUrl,
      RATE_LIMIT_PUBLIC_READ_PER_MINUTE: '1000',
      RATE_LIMIT_PREFIX: prefix,
      INTAKE_URL: 'http://127.0.0.1:1', // answers do not matter here, only what is counted
    });
    redis = new Redis(env.redisUrl);
  });

  afterAll(async () => {
    await gw.close();
    await redis.quit();
  });

  /** Scripts Redis has run so far (EVALSHA, and EVAL when the script was not loaded yet). */
  const scriptCalls = async (): Promise<number> => {
    const stats = await redis.info('commandstats');
    return [...stats.matchAll(/cmdstat_eval(?:sha)?:calls=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
  };

  it('lets exactly the budget through in a window, with a Redis call per many requests, not per request', async () => {
    // All in one window: a minute boundary within the next 20 s is waited out.
    const msLeft = 60_000 - (Date.now() % 60_000);
    if (msLeft < 20_000) await new Promise((r) => setTimeout(r, msLeft + 50));
    const calls0 = await scriptCalls();
    let passed = 0;
    let limited = 0;
    let lastRemaining = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 1020; i++) {
      const r = await fetch(`${gw.url}/api/v1/items`);
      await r.arrayBuffer();
      if (r.status === 429) {
        limited++;
        continue;
      }
      passed++;
      const remaining = Number(r.headers.get('x-ratelimit-remaining'));
      expect(remaining).toBeLessThan(lastRemaining);
      lastRemaining = remaining;
    }
    expect([passed, limited, lastRemaining]).toEqual([1000, 20, 0]);
    const calls = (await scriptCalls()) - calls0;
    // Reservations of 1, 2, 4, 8, then 10 (1 % of the budget) numbers: about 100 calls for 1,000 requests.
    expect(calls).toBeLessThan(150);
    const [key] = await redis.keys(`${prefix}:pub:ip:*`);
    expect(Number(await redis.get(key))).toBeGreaterThanOrEqual(1000);
    expect(Number(await redis.get(key))).toBeLessThan(1000 + 10);
  });
});

/** Sends raw bytes as an HTTP request and returns the raw response (what no client library would send). */
async function rawRequest(
  url: string,
  request: Buffer | string,
): Promise<{ status: number; headers: string; body: string }> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      resolve({
        status: Number(head.split(' ')[1]),
        headers: head.toLowerCase(),
        body: rest.join('\r\n\r\n'),
      });
    });
  });
}

describe('every error in the platform’s shape, even before a route runs (integration)', () => {
  const env = testEnv();
  let gw: BootedApp;

  beforeAll(async () => {
    gw = await bootGatewayApp({
      NODE_ENV: 'test',
      LOG_LEVEL: 'fatal',
      KAFKA_CLIENT_ID: 'it-gateway-errors',
      JWT_PUBLIC_KEY: env.jwtPublicKey,
      REDIS_URL: env.redisUrl,
      RATE_LIMIT_PER_MINUTE: '100000',
      RATE_LIMIT_PREFIX: `it:gw-errors:${randomBytes(3).toString('hex')}`,
      INTAKE_URL: 'http://127.0.0.1:1',
    });
  });

  afterAll(() => gw.close());

  const shaped = (r: { status: number; headers: string; body: string }, status: number, code: string) => {
    expect(r.status).toBe(status);
    const body = JSON.parse(r.body) as { code: string; message: string; correlationId: string };
    expect(body).toMatchObject({
      code,
      message: expect.stringContaining(' / '),
      correlationId: expect.any(String),
    });
    expect(r.headers).toContain(`x-correlation-id: ${body.correlationId.toLowerCase()}`);
  };

  it.each([
    [
      'bad percent-encoding in the path',
      'GET /api/v1/items/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n',
      400,
      'MALFORMED_REQUEST',
    ],
    [
      'invalid UTF-8 after decoding',
      'GET /api/v1/applications/%FF%FE HTTP/1.1\r\nHost: x\r\n\r\n',
      400,
      'MALFORMED_REQUEST',
    ],
    ['an unknown method', 'FROB /api/v1/items HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'MALFORMED_REQUEST'],
    [
      'a raw control byte in the request line',
      'GET /api/v1/it\u0001ems HTTP/1.1\r\nHost: x\r\n\r\n',
      400,
      'MALFORMED_REQUEST',
    ],
    [
      'oversized headers',
      `GET /api/v1/items HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'HEADERS_TOO_LARGE',
    ],
  ])('%s', async (_what, request, status, code) => {
    shaped(await rawRequest(gw.url, request), status, code);
  });

  it('answers raw UTF-8 bytes in the path or query string in the same shape', async () => {
    for (const target of ['/api/v1/items?keyword=核验', '/api/v1/applications/核验']) {
      const r = await rawRequest(
        gw.url,
        Buffer.concat([
          Buffer.from('GET '),
          Buffer.from(target, 'utf8'),
          Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
        ]),
      );
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(600);
      expect(JSON.parse(r.body)).toMatchObject({
        code: expect.any(String),
        correlationId: expect.any(String),
      });
    }
  });
});
