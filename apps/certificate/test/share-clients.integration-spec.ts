import { usccCheckChar } from '@app/shared/identifiers';
import { checkRoutes, companyUscc, routeTable, ServiceUnderTest, testToken } from '@app/shared/testing';
import {
  ADMIN,
  call,
  http,
  issueLicence,
  company,
  registerClient,
  startCertificate,
  tokenOf,
  TYPE_A,
} from './share.fixture';

/** The admin API of 证照共享 partner clients, against the real PostgreSQL. */
describe('certificate: 证照共享 partner clients (integration)', () => {
  let t: ServiceUnderTest;

  beforeAll(async () => {
    t = await startCertificate('it-share-clients');
  });

  afterAll(() => t.stop());

  const valid = () => ({
    accessId: `adm-${Math.random().toString(36).slice(2, 10)}`,
    name: '银行证照核验',
    deptCode: companyUscc(),
    deptName: '某银行杭州分行',
    certTypeCodes: [TYPE_A],
    operations: ['queryCertInfo', 'verifyCertInfo'],
  });

  it('answers 401 without a token and 403 to every other role on every admin endpoint', async () => {
    const routes = routeTable(t.svc.app).filter((r) => r.path.startsWith('/share-clients'));
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /share-clients',
      'GET /share-clients/:accessId',
      'PATCH /share-clients/:accessId',
      'POST /share-clients',
      'POST /share-clients/:accessId/disable',
      'POST /share-clients/:accessId/rotate-secret',
    ]);
    expect(routes.every((r) => !r.isPublic && r.roles.join() === 'admin')).toBe(true);
    expect(await checkRoutes(t.svc.url, routes)).toEqual([]);
    // …and the share operations are public (authenticated by accessId/accessToken in the body).
    const ops = routeTable(t.svc.app).filter((r) => r.path.startsWith('/share/'));
    expect(ops.length).toBe(9);
    expect(ops.every((r) => r.isPublic)).toBe(true);
    expect(await checkRoutes(t.svc.url, ops)).toEqual([]);
  });

  it('creates a client (secret once, stored hashed), gets, lists, updates, rotates and disables it', async () => {
    const body = valid();
    const created = await http(t, 'POST', '/share-clients', body, ADMIN);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...body,
      enabled: true,
      createdBy: 'admin-share',
      secretRotatedAt: null,
    });
    const secret = created.body.accessSecret as string;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await t.pg.query<{ secret_hash: string }>(
      'SELECT secret_hash FROM share_clients WHERE access_id = $1',
      [body.accessId],
    );
    expect(stored.rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0].secret_hash).not.toContain(secret);

    const got = await http(t, 'GET', `/share-clients/${body.accessId}`, undefined, ADMIN);
    expect(got.status).toBe(200);
    expect(got.body.accessSecret).toBeUndefined();
    expect(got.body).toMatchObject(body);

    await registerClient(t);
    const page = await http(t, 'GET', '/share-clients?page=1&pageSize=1', undefined, ADMIN);
    expect(page).toMatchObject({ status: 200, body: { page: 1, pageSize: 1 } });
    expect((page.body.items as unknown[]).length).toBe(1);
    expect(page.body.total as number).toBeGreaterThanOrEqual(2);

    const updated = await http(
      t,
      'PATCH',
      `/share-clients/${body.accessId}`,
      { operations: ['queryCertInfo'], name: '银行证照核验（改）' },
      ADMIN,
    );
    expect(updated).toMatchObject({
      status: 200,
      body: { operations: ['queryCertInfo'], name: '银行证照核验（改）' },
    });

    const client = { accessId: body.accessId, accessSecret: secret, deptCode: body.deptCode };
    const licence = await issueLicence(t, company());
    const before = await tokenOf(t, client);
    const rotated = await http(t, 'POST', `/share-clients/${body.accessId}/rotate-secret`, undefined, ADMIN);
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.accessSecret as string;
    expect(newSecret).not.toBe(secret);
    expect(rotated.body.secretRotatedAt).toEqual(expect.any(String));
    const data = { certIdentifier: licence.licenceId, useCause: '开户核验' };
    expect((await call(t, 'queryCertInfo', client, before, data)).head.status).toBe(11); // old token ended
    const old = await http(t, 'POST', '/share/getToken', { accessId: body.accessId, accessSecret: secret });
    expect((old.body.head as { status: number }).status).toBe(11);
    const fresh = await tokenOf(t, { ...client, accessSecret: newSecret });
    expect((await call(t, 'queryCertInfo', client, fresh, data)).head.status).toBe(0);

    const disabled = await http(t, 'POST', `/share-clients/${body.accessId}/disable`, undefined, ADMIN);
    expect(disabled).toMatchObject({ status: 200, body: { enabled: false } });
    expect((await call(t, 'queryCertInfo', client, fresh, data)).head.status).toBe(11);
    const refused = await http(t, 'POST', '/share/getToken', {
      accessId: body.accessId,
      accessSecret: newSecret,
    });
    expect((refused.body.head as { status: number }).status).toBe(11);
  });

  const wrongCheckDigit = () => {
    const first17 = companyUscc().slice(0, 17);
    return first17 + (usccCheckChar(first17) === '0' ? '1' : '0');
  };

  it('refuses invalid input with 400 VALIDATION_FAILED, a taken accessId 409, an unknown one 404', async () => {
    const bad: Array<[string, Record<string, unknown>]> = [
      ['accessId', { accessId: 'a b' }],
      ['no types', { certTypeCodes: [] }],
      ['bad type', { certTypeCodes: ['营业执照'] }],
      ['bad op', { operations: ['deleteCert'] }],
      ['dept check digit', { deptCode: wrongCheckDigit() }],
      ['blank name', { name: '  ' }],
      ['undeclared', { extra: 1 }],
    ];
    for (const [what, patch] of bad) {
      const body = { ...valid(), ...patch };
      const r = await http(t, 'POST', '/share-clients', body, ADMIN);
      expect([what, r.status, r.body.code]).toEqual([what, 400, 'VALIDATION_FAILED']);
    }
    const page = await http(t, 'GET', '/share-clients?pageSize=0', undefined, ADMIN);
    expect([page.status, page.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const patch = await http(t, 'PATCH', '/share-clients/whoever', { operations: ['x'] }, ADMIN);
    expect([patch.status, patch.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    const body = valid();
    expect((await http(t, 'POST', '/share-clients', body, ADMIN)).status).toBe(201);
    const again = await http(t, 'POST', '/share-clients', body, ADMIN);
    expect([again.status, again.body.code]).toEqual([409, 'INVALID_STATE']);
    for (const [method, path] of [
      ['GET', '/share-clients/nobody-here'],
      ['PATCH', '/share-clients/nobody-here'],
      ['POST', '/share-clients/nobody-here/disable'],
      ['POST', '/share-clients/nobody-here/rotate-secret'],
    ]) {
      const r = await http(t, method, path, method === 'PATCH' ? { name: 'x' } : undefined, ADMIN);
      expect([path, r.status, r.body.code]).toEqual([path, 404, 'NOT_FOUND']);
    }
    const partner = testToken({ sub: 'p', roles: ['partner'] });
    expect((await http(t, 'GET', '/share-clients', undefined, partner)).status).toBe(403);
  });
});
