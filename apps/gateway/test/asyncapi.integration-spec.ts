import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { BootedApp, checkRoutes, routeTable, testEnv } from '@app/shared/testing';
import { TOPICS } from '@app/shared/contracts';
import { bootGatewayApp } from './gateway-under-test';

/**
 * The event catalog as the gateway serves it (real Redis behind the rate limiter): the AsyncAPI document
 * as JSON — byte for byte the committed docs/asyncapi.json — and as a readable page, both public and
 * cacheable, the page without any script; a wrong method or path answers in the platform's error shape.
 */
describe('gateway: AsyncAPI event catalog (integration)', () => {
  const env = testEnv();
  let gw: BootedApp;

  beforeAll(async () => {
    gw = await bootGatewayApp({
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      KAFKA_CLIENT_ID: 'it-gateway-asyncapi',
      JWT_PUBLIC_KEY: env.jwtPublicKey,
      REDIS_URL: env.redisUrl,
      RATE_LIMIT_PER_MINUTE: '100000',
      RATE_LIMIT_PUBLIC_READ_PER_MINUTE: '100000',
      RATE_LIMIT_PREFIX: `it:gw-asyncapi:${randomBytes(3).toString('hex')}`,
      INTAKE_URL: 'http://127.0.0.1:1',
    });
  });

  afterAll(() => gw.close());

  it('serves the AsyncAPI document as JSON, publicly, cacheable for five minutes', async () => {
    const r = await fetch(`${gw.url}/asyncapi.json`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('public, max-age=300');
    const text = await r.text();
    expect(text).toBe(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'asyncapi.json'), 'utf8'));
    const doc = JSON.parse(text) as { asyncapi: string; channels: Record<string, { address: string }> };
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.channels[TOPICS.CASE_COMPLETED].address).toBe(TOPICS.CASE_COMPLETED);
    expect(doc.channels[`${TOPICS.CASE_COMPLETED}.dlq`]).toBeDefined();
    // A conditional request is answered with 304 and no body.
    const again = await fetch(`${gw.url}/asyncapi.json`, {
      headers: { 'if-none-match': r.headers.get('etag')! },
    });
    expect([again.status, await again.text()]).toEqual([304, '']);
  });

  it('serves a readable page: Chinese and English headings, every topic, no script, strict CSP', async () => {
    const r = await fetch(`${gw.url}/asyncapi`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('public, max-age=300');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await r.text();
    expect(html).not.toMatch(/<script|\son[a-z]+=|style=/i);
    for (const heading of [
      '主题一览 Topics',
      '消息头 Headers',
      '死信消息头 Dead-letter headers',
      '事件 Events',
    ]) {
      expect(html).toContain(heading);
    }
    for (const topic of Object.values(TOPICS)) expect(html).toContain(`<code>${topic}</code>`);
    expect(html).toContain('<code>applicant.certMasked</code>');
    expect(html).toContain('ce_specversion');
    expect(html).toContain('x-dlq-reason');
    const css = await fetch(`${gw.url}/asyncapi.css`);
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
  });

  it('declares its routes public, like the gateway’s other own pages', async () => {
    const routes = routeTable(gw.app).filter((x) => x.path.startsWith('/asyncapi'));
    expect(routes.map((x) => `${x.method} ${x.path} ${x.isPublic}`).sort()).toEqual([
      'GET /asyncapi true',
      'GET /asyncapi.css true',
      'GET /asyncapi.json true',
    ]);
    expect(await checkRoutes(gw.url, routes)).toEqual([]);
  });

  it('answers a wrong method or path with 404 in the platform’s error shape', async () => {
    for (const [method, path] of [
      ['POST', '/asyncapi.json'],
      ['DELETE', '/asyncapi'],
      ['PUT', '/asyncapi.css'],
      ['GET', '/asyncapi.yaml'],
      ['GET', '/asyncapi/intake.case.completed.v1'],
    ]) {
      const r = await fetch(`${gw.url}${path}`, { method });
      const body = (await r.json()) as { code: string; message: string; correlationId: string };
      expect([method, path, r.status]).toEqual([method, path, 404]);
      expect(body).toMatchObject({
        code: expect.any(String),
        message: expect.stringContaining(' / '),
        correlationId: expect.any(String),
      });
      expect(r.headers.get('x-correlation-id')).toBe(body.correlationId);
      // "Cannot POST /asyncapi.json" mentions json, yet it is a 404, never MALFORMED_JSON.
      expect(body.code).toBe('NOT_FOUND');
    }
  });
});
