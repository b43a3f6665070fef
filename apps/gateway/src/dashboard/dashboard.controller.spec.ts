import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC_KEY } from '@app/shared/auth';
import { DASHBOARD_PUBLIC_DIR, DashboardAssets, projectRoot } from './dashboard-assets';
import { DASHBOARD_CSP, DashboardController } from './dashboard.controller';

/** A recording stand-in for Fastify's reply (status, headers, body). */
function fakeReply() {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const reply = {
    header(k: string, v: string) {
      sent.headers[k.toLowerCase()] = v;
      return reply;
    },
    status(code: number) {
      sent.status = code;
      return reply;
    },
    send(body?: unknown) {
      sent.body = body;
      return Promise.resolve(reply);
    },
  };
  return { reply: reply as unknown as FastifyReply, sent };
}

const request = (headers: Record<string, string> = {}) => ({ headers }) as unknown as FastifyRequest;

describe('DashboardController (the gateway’s own page)', () => {
  const controller = new DashboardController(new DashboardAssets());

  it('finds the project root from the source and from dist alike', () => {
    const root = projectRoot();
    expect(existsSync(join(root, DASHBOARD_PUBLIC_DIR, 'index.html'))).toBe(true);
    expect(projectRoot(join(root, 'dist', 'apps', 'gateway', 'src', 'dashboard'))).toBe(root);
  });

  it('declares every route public (the shell holds no data; its API calls carry the token)', () => {
    for (const name of ['page', 'script', 'style', 'echarts', 'icon'] as const) {
      expect([name, Reflect.getMetadata(PUBLIC_KEY, DashboardController.prototype[name])]).toEqual([
        name,
        true,
      ]);
    }
  });

  it('serves the page with its content type, the strict CSP and a revalidating cache policy', async () => {
    const { reply, sent } = fakeReply();
    await controller.page(request(), reply);
    expect(sent.status).toBe(200);
    expect(sent.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': DASHBOARD_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
      etag: expect.stringMatching(/^"[\w-]+"$/),
    });
    expect(DASHBOARD_CSP).toContain("default-src 'self'");
    expect(DASHBOARD_CSP).not.toContain('unsafe');
    const html = (sent.body as Buffer).toString('utf8');
    expect(html).toContain('<script src="/dashboard/app.js" defer></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });

  it('answers 503 (and the gateway still boots) when the build was deployed without the page', async () => {
    const empty = new DashboardController(new DashboardAssets(mkdtempSync(join(tmpdir(), 'no-dashboard-'))));
    const { reply } = fakeReply();
    await expect(empty.page(request(), reply)).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      status: 503,
    });
  });

  it('answers 304 to a matching If-None-Match and gzip to a client that accepts it', async () => {
    const first = fakeReply();
    await controller.echarts(request(), first.reply);
    expect(first.sent.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(first.sent.headers['cache-control']).toBe('public, max-age=86400');
    const etag = first.sent.headers.etag;
    const again = fakeReply();
    await controller.echarts(request({ 'if-none-match': `"other", ${etag}` }), again.reply);
    expect([again.sent.status, again.sent.body]).toEqual([304, undefined]);
    const zipped = fakeReply();
    await controller.script(request({ 'accept-encoding': 'gzip, deflate, br' }), zipped.reply);
    expect(zipped.sent.headers['content-encoding']).toBe('gzip');
    const plain = fakeReply();
    await controller.script(request(), plain.reply);
    expect(plain.sent.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(zipped.sent.body as Buffer).equals(plain.sent.body as Buffer)).toBe(true);
  });
});
