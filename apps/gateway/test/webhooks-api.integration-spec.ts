import { TOPICS, dlqOf } from '@app/shared/contracts';
import { checkRoutes, routeTable, ServiceUnderTest, testToken } from '@app/shared/testing';
import { startGatewayUnderTest } from './gateway-under-test';

const BASE = '/api/v1/webhooks/subscriptions';
const admin = testToken({ sub: 'it-webhook-admin', roles: ['admin'] });

/**
 * The partner-webhook admin API on the gateway, against the real PostgreSQL, Redis and Kafka: admins only,
 * every invalid input a 400 with a stable code, the SSRF rules at create and update, secrets shown once.
 * https only here and private targets refused except loopback (the strict rules of production, plus the
 * explicit loopback allowance the delivery test needs).
 */
describe('gateway webhooks: admin API (integration)', () => {
  let t: ServiceUnderTest;
  const call = async (method: string, path: string, body?: unknown, token: string | null = admin) => {
    const r = await fetch(`${t.svc.url}${BASE}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : {}) as Record<string, any> };
  };
  const valid = {
    partnerName: '市税务局',
    targetUrl: 'https://127.0.0.1:9/hooks',
    eventTypes: [TOPICS.CASE_COMPLETED, TOPICS.LICENCE_ISSUED],
  };
  let id: string;

  beforeAll(async () => {
    t = await startGatewayUnderTest({
      WEBHOOK_ALLOW_HTTP: 'false',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: '127.0.0.0/8',
      WEBHOOK_DISPATCHER_ENABLED: 'false',
      WEBHOOK_SECRET_KEY: 'it-webhook-secret-key-0123456789abcdef',
    });
    const r = await call('POST', '', valid);
    expect(r.status).toBe(201);
    id = r.body.id;
  });

  afterAll(() => t.stop());

  const endpoints = () =>
    [
      ['POST', '', valid],
      ['GET', ''],
      ['GET', `/${id}`],
      ['PATCH', `/${id}`, { partnerName: 'x' }],
      ['PUT', `/${id}`, valid],
      ['POST', `/${id}/rotate-secret`],
      ['GET', `/${id}/deliveries`],
      ['GET', `/${id}/dead-letters`],
      ['POST', `/${id}/deliveries/00000000-0000-4000-8000-000000000000/replay`],
      ['POST', `/${id}/dead-letters/replay`],
    ] as Array<[string, string, unknown?]>;

  it('answers 401 without a token and 403 to every role but admin, on every endpoint', async () => {
    for (const [method, path, body] of endpoints()) {
      expect([method, path, (await call(method, path, body, null)).body.code]).toEqual([
        method,
        path,
        'UNAUTHENTICATED',
      ]);
      for (const role of ['applicant', 'clerk', 'approver', 'partner', 'supervisor'] as const) {
        const token = testToken({ sub: `it-${role}`, roles: [role], dept: '113301000024901620' });
        const r = await call(method, path, body, token);
        expect([method, path, role, r.status, r.body.code]).toEqual([method, path, role, 403, 'FORBIDDEN']);
      }
    }
    const routes = routeTable(t.svc.app).filter((r) => r.path.startsWith('/api/v1/webhooks'));
    expect(routes).toHaveLength(10);
    expect(await checkRoutes(t.svc.url, routes)).toEqual([]);
  });

  it('states its operations in the merged public OpenAPI document, admin only', async () => {
    const doc = (await (await fetch(`${t.svc.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { 'x-roles'?: string[]; 'x-public'?: boolean }>>;
    };
    const ops = Object.entries(doc.paths)
      .filter(([p]) => p.startsWith('/api/v1/webhooks/'))
      .flatMap(([p, item]) => Object.entries(item).map(([m, op]) => [`${m.toUpperCase()} ${p}`, op]));
    expect(ops).toHaveLength(10);
    for (const [key, op] of ops) {
      expect([key, op]).toEqual([key, expect.objectContaining({ 'x-public': false, 'x-roles': ['admin'] })]);
    }
  });

  it('creates, reads, updates, replaces, disables and re-enables; the secret is shown once and sealed', async () => {
    const created = await call('POST', '', { ...valid, deptCodes: ['113301000024901620'] });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(created.body).toMatchObject({
      status: 'ACTIVE',
      deptCodes: ['113301000024901620'],
      itemCodes: [],
    });
    const sid = created.body.id as string;
    const stored = await t.pg.query<{ secret: string }>(
      'SELECT secret FROM webhook_subscriptions WHERE id = $1',
      [sid],
    );
    expect(stored.rows[0].secret).toMatch(/^sealed:v1:/);
    expect(stored.rows[0].secret).not.toContain(created.body.secret.slice(6));

    const one = await call('GET', `/${sid}`);
    expect(one.status).toBe(200);
    expect(one.body.secret).toBeUndefined();
    const list = await call('GET', '?page=1&pageSize=100&status=ACTIVE');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 100 });
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([id, sid]));
    expect(list.body.items.every((s: { secret?: string }) => s.secret === undefined)).toBe(true);

    const patched = await call('PATCH', `/${sid}`, { partnerName: '市社保局', itemCodes: ['ITEM-1'] });
    expect(patched.body).toMatchObject({
      partnerName: '市社保局',
      itemCodes: ['ITEM-1'],
      deptCodes: ['113301000024901620'],
    });
    const replaced = await call('PUT', `/${sid}`, valid);
    expect(replaced.body).toMatchObject({ partnerName: '市税务局', itemCodes: [], deptCodes: [] });

    const off = await call('PATCH', `/${sid}`, { enabled: false });
    expect(off.body).toMatchObject({ status: 'DISABLED', disabledReason: 'ADMIN' });
    const on = await call('PATCH', `/${sid}`, { enabled: true });
    expect(on.body).toMatchObject({ status: 'ACTIVE', disabledReason: null, consecutiveDeadLetters: 0 });

    const rotated = await call('POST', `/${sid}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    const overlapMs = Date.parse(rotated.body.previousSecretValidUntil) - Date.now();
    expect(overlapMs).toBeGreaterThan(23 * 3600_000);
    expect(overlapMs).toBeLessThanOrEqual(24 * 3600_000);
    expect((await call('GET', `/${sid}`)).body.previousSecretValidUntil).toBe(
      rotated.body.previousSecretValidUntil,
    );
    expect((await call('GET', `/${sid}/deliveries?state=DEAD`)).body).toEqual({
      items: [],
      page: 1,
      pageSize: 20,
      total: 0,
    });
  });

  it.each([
    ['not a URL', { ...valid, targetUrl: 'not a url' }, 'WEBHOOK_TARGET_INVALID'],
    ['another scheme', { ...valid, targetUrl: 'ftp://partner.example/x' }, 'WEBHOOK_TARGET_INVALID'],
    [
      'credentials in the URL',
      { ...valid, targetUrl: 'https://u:p@partner.example/' },
      'WEBHOOK_TARGET_INVALID',
    ],
    ['plain http', { ...valid, targetUrl: 'http://127.0.0.1:9/hooks' }, 'WEBHOOK_TARGET_NOT_HTTPS'],
    ['a private address', { ...valid, targetUrl: 'https://10.0.0.5/hooks' }, 'WEBHOOK_TARGET_FORBIDDEN'],
    [
      'a private IPv6 address',
      { ...valid, targetUrl: 'https://[fd00::5]/hooks' },
      'WEBHOOK_TARGET_FORBIDDEN',
    ],
    ['a link-local address', { ...valid, targetUrl: 'https://169.254.10.1/' }, 'WEBHOOK_TARGET_FORBIDDEN'],
    [
      'the metadata address',
      { ...valid, targetUrl: 'https://169.254.169.254/latest' },
      'WEBHOOK_TARGET_FORBIDDEN',
    ],
    ['0.0.0.0', { ...valid, targetUrl: 'https://0.0.0.0/' }, 'WEBHOOK_TARGET_FORBIDDEN'],
    [
      'a name that does not resolve',
      { ...valid, targetUrl: 'https://no-such-host.invalid/' },
      'WEBHOOK_TARGET_UNRESOLVABLE',
    ],
    ['an unknown topic', { ...valid, eventTypes: ['intake.nothing.v1'] }, 'VALIDATION_FAILED'],
    ['a .dlq topic', { ...valid, eventTypes: [dlqOf(TOPICS.CASE_COMPLETED)] }, 'VALIDATION_FAILED'],
    [
      'the gateway’s own notice',
      { ...valid, eventTypes: [TOPICS.GATEWAY_WEBHOOK_DELIVERY_FAILED] },
      'VALIDATION_FAILED',
    ],
    ['no topic', { ...valid, eventTypes: [] }, 'VALIDATION_FAILED'],
    ['a bad department code', { ...valid, deptCodes: ['abc'] }, 'VALIDATION_FAILED'],
    ['an undeclared field', { ...valid, secret: 'whsec_x' }, 'VALIDATION_FAILED'],
    ['no partner name', { ...valid, partnerName: ' ' }, 'VALIDATION_FAILED'],
  ])('refuses to create a subscription with %s', async (_what, body, code) => {
    const r = await call('POST', '', body);
    expect([r.status, r.body.code]).toEqual([400, code]);
  });

  it('applies the same rules to PATCH and PUT, and refuses bad ids, pagination and filters', async () => {
    const expectCode = async (method: string, path: string, status: number, code: string, body?: unknown) => {
      const r = await call(method, path, body);
      expect([method, path, r.status, r.body.code]).toEqual([method, path, status, code]);
    };
    await expectCode('PATCH', `/${id}`, 400, 'WEBHOOK_TARGET_FORBIDDEN', {
      targetUrl: 'https://192.168.1.1/',
    });
    await expectCode('PATCH', `/${id}`, 400, 'WEBHOOK_TARGET_NOT_HTTPS', { targetUrl: 'http://127.0.0.1/' });
    await expectCode('PATCH', `/${id}`, 400, 'VALIDATION_FAILED', { eventTypes: ['x.y.z.v1'] });
    await expectCode('PATCH', `/${id}`, 400, 'VALIDATION_FAILED', { enabled: 'yes' });
    await expectCode('PUT', `/${id}`, 400, 'VALIDATION_FAILED', { partnerName: 'only a name' });
    await expectCode('PUT', `/${id}`, 400, 'WEBHOOK_TARGET_FORBIDDEN', {
      ...valid,
      targetUrl: 'https://172.16.0.1/',
    });
    await expectCode('POST', '', 400, 'MALFORMED_JSON', '{"partnerName":');
    for (const q of ['?page=0', '?pageSize=1000', '?page=abc', '?status=GONE', '?foo=1']) {
      await expectCode('GET', q, 400, 'VALIDATION_FAILED');
    }
    for (const q of ['?page=0', '?pageSize=101', '?state=LOST']) {
      await expectCode('GET', `/${id}/deliveries${q}`, 400, 'VALIDATION_FAILED');
    }
    await expectCode('GET', `/${id}/dead-letters?state=DEAD`, 400, 'VALIDATION_FAILED');
    await expectCode('GET', `/${id}/dead-letters?pageSize=0`, 400, 'VALIDATION_FAILED');
    await expectCode('GET', '/not-a-uuid', 400, 'VALIDATION_FAILED');
    await expectCode('POST', '/not-a-uuid/rotate-secret', 400, 'VALIDATION_FAILED');
    await expectCode('POST', `/${id}/deliveries/not-a-uuid/replay`, 400, 'VALIDATION_FAILED');
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expectCode('GET', `/${unknown}`, 404, 'WEBHOOK_SUBSCRIPTION_NOT_FOUND');
    await expectCode('PATCH', `/${unknown}`, 404, 'WEBHOOK_SUBSCRIPTION_NOT_FOUND', { partnerName: 'x' });
    await expectCode('GET', `/${unknown}/deliveries`, 404, 'WEBHOOK_SUBSCRIPTION_NOT_FOUND');
    await expectCode('POST', `/${unknown}/dead-letters/replay`, 404, 'WEBHOOK_SUBSCRIPTION_NOT_FOUND');
    await expectCode('POST', `/${id}/deliveries/${unknown}/replay`, 404, 'WEBHOOK_DELIVERY_NOT_FOUND');
  });
});
