import { randomUUID } from 'node:crypto';
import { TOPICS } from '@app/shared/contracts';
import { buildLicenceId, isValidUscc } from '@app/shared/identifiers';
import {
  checkRoutes,
  routeTable,
  ServiceUnderTest,
  startServiceUnderTest,
  testToken,
  uniqueCaseNo,
  waitFor,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import {
  ENTERPRISE_SETUP_CODE,
  HOUSING_FUND_CODE,
  INVOICE_CODE,
  SEAL_CODE,
  SOCIAL_INSURANCE_CODE,
  TAX_REGISTRATION_CODE,
} from '../src/bundles/seed-bundles';
import { IntakeConfig } from '../src/config/intake.config';

const SCJG = '113301000024901620';
const GA = '11330100002491026R';
const JW = '11330100002494112P';
const BUSINESS_LICENCE_TYPE = '111000000000135652003';
const DEPENDENTS = [SEAL_CODE, TAX_REGISTRATION_CODE, INVOICE_CODE, SOCIAL_INSURANCE_CODE, HOUSING_FUND_CODE];

interface Member {
  itemCode: string;
  itemName: string;
  department: { code: string; name: string };
  dependsOn: string[];
  outcome: string;
  caseNo: string | null;
  caseStatus: string | null;
  doneResult: string | null;
  licenceId: string | null;
  reason: string | null;
  startedAt: string | null;
  endedAt: string | null;
}
interface Bundle {
  bundleNo: string;
  status: string;
  statusReason: string | null;
  enterprise: { uscc: string; name: string } | null;
  applicant?: { certNo: string };
  members: Member[];
  result: { licenceIds: string[]; completed: number; total: number } | null;
  view: 'FULL' | 'LIMITED';
  code?: string;
  details?: unknown;
}
interface CaseBody {
  caseNo: string;
  status: string;
  item: { code: string; name: string };
  department: { code: string; name: string };
  applicant: { userProp: string; name: string; certType: string; certNo: string };
  materials: Array<{ code: string; fileName: string }>;
  formData: Record<string, string>;
  done: { doneResult: string } | null;
}

/**
 * 一件事一次办 on the real PostgreSQL and Kafka: definitions and their validation, the 企业开办 bundle from
 * one application to every member licence (the founding 设立登记 first, the others in parallel once its
 * licence — the enterprise's 统一社会信用代码 — exists), refusal and withdrawal of members, withdrawal of
 * the whole bundle. Approval and certificate are simulated by their events, as in the other intake tests.
 */
describe('一件事一次办 bundles (integration)', () => {
  let t: ServiceUnderTest;
  const region = String(100000 + Math.floor(Math.random() * 900000));
  const applicant = testToken({ sub: 'founder-1', roles: ['applicant'], name: '张三' });
  const stranger = testToken({ sub: 'founder-2', roles: ['applicant'], name: '李四' });
  const admin = testToken({ sub: 'admin-1', roles: ['admin'], name: '管理员' });
  const clerkOf = (dept: string) => testToken({ sub: `clerk-${dept}`, roles: ['clerk'], name: '窗口', dept });

  const call = async <T = Bundle>(method: string, path: string, token?: string, body?: unknown) => {
    const r = await fetch(`${t.svc.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json: unknown = {};
    try {
      json = JSON.parse(text);
    } catch {
      json = {};
    }
    return { status: r.status, body: json as T & { code?: string; details?: unknown } };
  };

  const formData = () => ({
    companyName: '杭州一网通办科技有限公司',
    registeredCapital: '100万元',
    premises: '杭州市西湖区文三路 1 号',
    businessScope: '软件开发',
    sealType: '公章、财务专用章、发票专用章',
    sealCount: '3',
    taxpayerType: '小规模纳税人',
    accountingMode: '独立核算',
    invoiceType: '增值税普通发票',
    monthlyQuantity: '25',
    insuranceTypes: '养老、医疗、失业、工伤、生育',
    startMonth: '2026-12',
    depositRate: '12%',
  });
  const bundleBody = (over: Record<string, unknown> = {}) => ({
    definitionCode: 'QYKB',
    applicant: {
      userProp: '1',
      name: '张三',
      certType: '111',
      certNo: '11010519491231002X',
      phone: '13800000000',
    },
    formData: formData(),
    materials: ['B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07', 'B08', 'B09', 'B10'].map((code) => ({
      code,
      fileName: `${code}.pdf`,
    })),
    ...over,
  });
  const footprint = async () => ({
    definitions: await t.count('SELECT count(*) AS n FROM bundle_definitions'),
    bundles: await t.count('SELECT count(*) AS n FROM bundles'),
    members: await t.count('SELECT count(*) AS n FROM bundle_members'),
    cases: await t.count('SELECT count(*) AS n FROM cases'),
    outbox: await t.count('SELECT count(*) AS n FROM outbox'),
  });

  const fileBundle = async (token = applicant): Promise<Bundle> => {
    const r = await call('POST', '/bundles', token, bundleBody());
    expect(r.status).toBe(201);
    return r.body;
  };
  const getBundle = async (no: string, token = applicant) =>
    (await call('GET', `/bundles/${no}`, token)).body;
  const member = (b: Bundle, code: string): Member => b.members.find((m) => m.itemCode === code)!;
  const waitBundle = (no: string, ok: (b: Bundle) => boolean, description: string) =>
    waitFor(
      async () => {
        const b = await getBundle(no);
        return ok(b) ? b : undefined;
      },
      { timeoutMs: 30_000, description },
    );
  const getCase = async (caseNo: string) =>
    (await call<CaseBody>('GET', `/applications/${caseNo}`, applicant)).body;

  /** 受理 by the clerk of the case's department when it is still waiting (承诺件). */
  const acceptIfWaiting = async (caseNo: string) => {
    const c = await getCase(caseNo);
    if (c.status === 'SUBMITTED') {
      const r = await call('POST', `/applications/${caseNo}/accept`, clerkOf(c.department.code), {});
      expect(r.status).toBe(200);
    }
    return getCase(caseNo);
  };
  const applicantOf = (c: CaseBody) => ({
    userProp: c.applicant.userProp,
    name: c.applicant.name,
    certType: c.applicant.certType,
    certMasked: c.applicant.certNo,
    certHash: 'a'.repeat(64),
  });
  const caseRef = (c: CaseBody) => ({
    caseNo: c.caseNo,
    itemCode: c.item.code,
    itemName: c.item.name,
    deptCode: c.department.code,
    deptName: c.department.name,
  });
  /** Approval approves without a licence: intake completes the case (办结 0). */
  const approve = async (caseNo: string) => {
    const c = await acceptIfWaiting(caseNo);
    await t.producer.send(TOPICS.APPROVAL_CASE_APPROVED, caseNo, {
      ...caseRef(c),
      approvalId: randomUUID(),
      applicant: applicantOf(c),
      licence: null,
      opinion: '同意',
      approvedAt: new Date().toISOString(),
    });
  };
  /** Certificate issues the business licence of the 设立登记 case: intake completes it with the licence. */
  const issueBusinessLicence = async (caseNo: string): Promise<string> => {
    const c = await acceptIfWaiting(caseNo);
    const licenceId = buildLicenceId({
      typeCode: BUSINESS_LICENCE_TYPE,
      issuerCode: SCJG,
      serial: caseNo.replace(/[^0-9A-Z]/g, ''),
      version: 1,
    });
    await t.producer.send(TOPICS.LICENCE_ISSUED, licenceId, {
      licenceId,
      caseNo,
      itemCode: c.item.code,
      typeCode: BUSINESS_LICENCE_TYPE,
      typeName: '营业执照',
      holderName: c.applicant.name,
      holderCertType: c.applicant.certType,
      holderCertMasked: c.applicant.certNo,
      holderCertHash: 'b'.repeat(64),
      issuerCode: SCJG,
      issuerName: c.department.name,
      issueDate: new Date().toISOString().slice(0, 10),
      validTo: null,
      version: '001',
      kid: 'test-kid',
      verifyUrl: 'https://verify.example/v',
    });
    return licenceId;
  };
  const deny = async (caseNo: string) => {
    const c = await acceptIfWaiting(caseNo);
    await t.producer.send(TOPICS.APPROVAL_CASE_DENIED, caseNo, {
      ...caseRef(c),
      approvalId: randomUUID(),
      opinion: '名称与已登记企业相同, 不予登记',
      deniedAt: new Date().toISOString(),
    });
  };

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, IntakeConfig, {
      service: 'intake',
      topics: [
        TOPICS.BUNDLE_SUBMITTED,
        TOPICS.BUNDLE_MEMBER_STARTED,
        TOPICS.BUNDLE_COMPLETED,
        TOPICS.BUNDLE_PARTIALLY_COMPLETED,
        TOPICS.BUNDLE_FAILED,
        TOPICS.BUNDLE_WITHDRAWN,
        TOPICS.CASE_COMPLETED,
      ],
      env: { REGION_CODE: region },
    });
  });

  afterAll(() => t.stop());

  it('guards every bundle route: 401 without a token, 403 for every other role, 4xx for invalid input', async () => {
    const routes = routeTable(t.svc.app).filter(
      (r) => r.path.startsWith('/bundles') || r.path.startsWith('/bundle-definitions'),
    );
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      [
        'GET /bundle-definitions',
        'GET /bundle-definitions/:code',
        'POST /bundle-definitions',
        'PUT /bundle-definitions/:code',
        'POST /bundles',
        'GET /bundles',
        'GET /bundles/:bundleNo',
        'POST /bundles/:bundleNo/withdraw',
      ].sort(),
    );
    expect(await checkRoutes(t.svc.url, routes)).toEqual([]);
  });

  it('seeds 企业开办: 设立登记 first, five members after it, filed in the enterprise’s name', async () => {
    const r = await call<{
      code: string;
      members: Array<{ taskCode: string; dependsOn: string[]; applicant: string }>;
      enterprise: { registeredBy: string };
    }>('GET', '/bundle-definitions/QYKB');
    expect(r.status).toBe(200);
    expect(r.body.members).toEqual([
      { taskCode: ENTERPRISE_SETUP_CODE, dependsOn: [], applicant: 'ENTERPRISE' },
      ...DEPENDENTS.map((taskCode) => ({
        taskCode,
        dependsOn: [ENTERPRISE_SETUP_CODE],
        applicant: 'ENTERPRISE',
      })),
    ]);
    expect(r.body.enterprise.registeredBy).toBe(ENTERPRISE_SETUP_CODE);
    const list = await call<{ items: Array<{ code: string }>; total: number }>('GET', '/bundle-definitions');
    expect(list.body.items.map((d) => d.code)).toContain('QYKB');
    expect((await call('GET', '/bundle-definitions/NOPE')).body.code).toBe('NOT_FOUND');
  });

  it('refuses invalid definitions with stable rule ids, and writes nothing', async () => {
    const seeded = (await call<Record<string, unknown>>('GET', '/bundle-definitions/QYKB')).body;
    const { code: _c, version: _v, updatedAt: _u, ...elements } = seeded;
    const base = JSON.parse(JSON.stringify(elements)) as {
      members: Array<{ taskCode: string; dependsOn: string[]; applicant: string }>;
      mapping: Record<string, Record<string, string>>;
      formFields: Array<{ key: string }>;
    };
    const before = await footprint();
    const rulesOf = async (body: unknown, path = '/bundle-definitions', method = 'POST') => {
      const r = await call(method, path, admin, body);
      expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      return (r.body.details as Array<{ rule?: string; field: string }>).map((d) => d.rule ?? d.field);
    };
    const unknownItem = structuredClone(base);
    unknownItem.members[1].taskCode = 'NOSUCHITEM0000000000000000000001';
    expect(await rulesOf({ ...unknownItem, code: 'BAD1' })).toContain('BUNDLE_UNKNOWN_ITEM');

    const cycle = structuredClone(base);
    cycle.members[0].dependsOn = [SEAL_CODE];
    expect(await rulesOf({ ...cycle, code: 'BAD2' })).toContain('BUNDLE_CYCLE');

    const unknownMemberField = structuredClone(base);
    unknownMemberField.mapping[SEAL_CODE].sealColour = 'sealType';
    expect(await rulesOf({ ...unknownMemberField, code: 'BAD3' })).toContain('BUNDLE_UNKNOWN_MEMBER_FIELD');

    const unknownBundleField = structuredClone(base);
    unknownBundleField.mapping[SEAL_CODE].sealType = 'noSuchBundleField';
    expect(await rulesOf({ ...unknownBundleField, code: 'BAD4' })).toContain('BUNDLE_UNKNOWN_BUNDLE_FIELD');

    const unmapped = structuredClone(base);
    delete unmapped.mapping[HOUSING_FUND_CODE].depositRate;
    expect(await rulesOf({ ...unmapped, code: 'BAD5' })).toContain('BUNDLE_REQUIRED_FIELD_UNMAPPED');

    const badSource = structuredClone(base);
    badSource.mapping[ENTERPRISE_SETUP_CODE].companyName = '$dependency.uscc';
    expect(await rulesOf({ ...badSource, code: 'BAD6' })).toContain('BUNDLE_DEPENDENCY_SOURCE');

    const notAfterRegistration = structuredClone(base);
    notAfterRegistration.members[2].dependsOn = [];
    expect(await rulesOf({ ...notAfterRegistration, code: 'BAD7' })).toContain('BUNDLE_ENTERPRISE');

    // The same rules on PUT; shape errors before any rule.
    expect(await rulesOf(cycle, '/bundle-definitions/QYKB', 'PUT')).toContain('BUNDLE_CYCLE');
    const wrongShape = await call('POST', '/bundle-definitions', admin, { ...base, code: 'bad code!' });
    expect([wrongShape.status, wrongShape.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const duplicate = await call('POST', '/bundle-definitions', admin, { ...base, code: 'QYKB' });
    expect([duplicate.status, duplicate.body.code]).toEqual([409, 'INVALID_STATE']);
    const missing = await call('PUT', '/bundle-definitions/NOPE', admin, base);
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
    expect(await footprint()).toEqual(before);
    const q = await t.pg.query<{ version: number }>(
      `SELECT version FROM bundle_definitions WHERE code = 'QYKB'`,
    );
    expect(q.rows[0].version).toBe(1);

    // A valid definition is created, then replaced (version 2).
    const created = await call<{ version: number }>('POST', '/bundle-definitions', admin, {
      ...base,
      code: 'QYKB2',
    });
    expect([created.status, created.body.version]).toEqual([201, 1]);
    const replaced = await call<{ version: number; name: string }>(
      'PUT',
      '/bundle-definitions/QYKB2',
      admin,
      {
        ...base,
        name: '企业开办 (二)',
      },
    );
    expect([replaced.status, replaced.body.version, replaced.body.name]).toEqual([200, 2, '企业开办 (二)']);
  });

  it('refuses bad bundle applications with a 4xx and writes nothing', async () => {
    const before = await footprint();
    const expectRefused = async (body: unknown, status: number, code: string) => {
      const r = await call('POST', '/bundles', applicant, body);
      expect([r.status, r.body.code]).toEqual([status, code]);
      return r.body;
    };
    await expectRefused(bundleBody({ definitionCode: 'NOPE' }), 404, 'NOT_FOUND');
    const { depositRate: _d, ...withoutRate } = formData();
    const missingField = await expectRefused(bundleBody({ formData: withoutRate }), 400, 'VALIDATION_FAILED');
    expect(missingField.details).toEqual([expect.objectContaining({ field: 'formData.depositRate' })]);
    await expectRefused(bundleBody({ formData: { ...formData(), colour: '红' } }), 400, 'VALIDATION_FAILED');
    const missingMaterial = await expectRefused(
      bundleBody({ materials: [{ code: 'B01', fileName: 'B01.pdf' }] }),
      422,
      'MATERIALS_INCOMPLETE',
    );
    expect((missingMaterial.details as { missing: unknown[] }).missing).toHaveLength(9);
    await expectRefused(
      bundleBody({
        applicant: { userProp: '1', name: '张三', certType: '111', certNo: '110105194912310021' },
      }),
      400,
      'INVALID_ID_NUMBER',
    );
    await expectRefused({ ...bundleBody(), undeclared: 1 }, 400, 'VALIDATION_FAILED');
    await expectRefused(bundleBody({ materials: 'none' }), 400, 'VALIDATION_FAILED');
    expect(await footprint()).toEqual(before);
  });

  it('企业开办: the founding member first, the five others in parallel once its licence exists, one combined result', async () => {
    const b = await fileBundle();
    expect(b).toMatchObject({ status: 'IN_PROGRESS', view: 'FULL', result: null });
    expect(b.applicant?.certNo).toBe('110105********002X');
    expect(b.enterprise?.name).toBe('杭州一网通办科技有限公司');
    const uscc = b.enterprise!.uscc;
    expect(isValidUscc(uscc)).toBe(true);
    expect(uscc.slice(0, 8)).toBe(`91${region}`);
    const founding = member(b, ENTERPRISE_SETUP_CODE);
    expect(founding).toMatchObject({
      outcome: 'STARTED',
      department: { code: SCJG },
      caseStatus: 'SUBMITTED',
    });
    for (const code of DEPENDENTS) {
      expect(member(b, code)).toMatchObject({ outcome: 'PENDING', caseNo: null });
    }
    expect(
      await t.count(
        'SELECT count(*) AS n FROM bundle_members m JOIN bundles b ON b.id = m.bundle_id WHERE b.bundle_no = $1 AND m.case_no IS NOT NULL',
        [b.bundleNo],
      ),
    ).toBe(1);
    // The 设立登记 case is filed in the enterprise's name: the licence's holder code is the new USCC.
    const foundingCase = await getCase(founding.caseNo!);
    expect(foundingCase.applicant).toMatchObject({
      userProp: '2',
      certType: '001',
      certNo: uscc,
      name: '杭州一网通办科技有限公司',
    });
    expect(foundingCase.formData).toMatchObject({
      companyName: '杭州一网通办科技有限公司',
      premises: '杭州市西湖区文三路 1 号',
    });
    expect(foundingCase.materials.map((m) => m.code).sort()).toEqual(['M01', 'M02', 'M03', 'M04']);
    const submitted = await t.collector.waitForMessage(TOPICS.BUNDLE_SUBMITTED, (m) => m.key === b.bundleNo);
    expect(submitted.value).toMatchObject({
      definitionCode: 'QYKB',
      enterpriseUscc: uscc,
      applicant: { certMasked: '110105********002X' },
    });
    expect(JSON.stringify(submitted.value)).not.toContain('11010519491231002X');
    await t.collector.waitForMessage(
      TOPICS.BUNDLE_MEMBER_STARTED,
      (m) => m.key === b.bundleNo && (m.value as { caseNo: string }).caseNo === founding.caseNo,
    );

    const licenceId = await issueBusinessLicence(founding.caseNo!);
    const afterFounding = await waitBundle(
      b.bundleNo,
      (x) =>
        member(x, ENTERPRISE_SETUP_CODE).outcome === 'COMPLETED' &&
        DEPENDENTS.every((c) => member(x, c).outcome === 'STARTED'),
      'founding completed, dependents started',
    );
    expect(member(afterFounding, ENTERPRISE_SETUP_CODE)).toMatchObject({ doneResult: '0', licenceId });
    const depts = new Map(DEPENDENTS.map((c) => [c, member(afterFounding, c).department.code]));
    for (const code of DEPENDENTS) {
      const m = member(afterFounding, code);
      const c = await getCase(m.caseNo!);
      // Each in its own department, in the enterprise's name, with the business licence attached (免提交).
      expect(c.department.code).toBe(depts.get(code));
      expect(c.applicant).toMatchObject({ userProp: '2', certType: '001', certNo: uscc });
      if ([SEAL_CODE, TAX_REGISTRATION_CODE, HOUSING_FUND_CODE].includes(code)) {
        expect(c.materials).toEqual(
          expect.arrayContaining([expect.objectContaining({ fileName: `电子证照 ${licenceId}` })]),
        );
      }
    }
    expect(new Set(depts.values()).size).toBe(4);
    expect(member(afterFounding, HOUSING_FUND_CODE).caseNo).toBeTruthy();
    expect((await getCase(member(afterFounding, HOUSING_FUND_CODE).caseNo!)).formData).toEqual({
      depositRate: '12%',
      firstDepositMonth: '2026-12',
    });

    // Duplicate delivery of the driving event (same id, then a new id) creates nothing twice.
    const completed = await t.collector.waitForMessage(
      TOPICS.CASE_COMPLETED,
      (m) => m.key === founding.caseNo,
    );
    const cases = await t.count('SELECT count(*) AS n FROM cases');
    const dupId = completed.headers.ce_id;
    // A case filed on its own (no bundle): acknowledged after one read, without an inbox transaction. Sent on
    // the same key, so it is handled before the fresh delivery below.
    const loneId = await t.producer.send(TOPICS.CASE_COMPLETED, founding.caseNo!, {
      ...(completed.value as object),
      caseNo: uniqueCaseNo(),
    });
    await t.producer.send(TOPICS.CASE_COMPLETED, founding.caseNo!, completed.value, { id: dupId });
    const freshId = await t.producer.send(TOPICS.CASE_COMPLETED, founding.caseNo!, completed.value);
    await waitFor(
      () =>
        t.count(
          `SELECT count(*) AS n FROM processed_events WHERE event_id = $1 AND consumer = 'intake.bundles'`,
          [freshId],
        ),
      { description: 'the redelivered completion to be handled' },
    );
    expect(await t.count('SELECT count(*) AS n FROM cases')).toBe(cases);
    expect(await t.count(`SELECT count(*) AS n FROM processed_events WHERE event_id = $1`, [dupId])).toBe(1);
    expect(await t.count(`SELECT count(*) AS n FROM processed_events WHERE event_id = $1`, [loneId])).toBe(0);
    expect(t.collector.find(TOPICS.BUNDLE_MEMBER_STARTED, (m) => m.key === b.bundleNo)).toHaveLength(6);

    for (const code of DEPENDENTS) await approve(member(afterFounding, code).caseNo!);
    const done = await waitBundle(b.bundleNo, (x) => x.status === 'COMPLETED', 'the bundle to complete');
    expect(done.result).toEqual({ licenceIds: [licenceId], completed: 6, total: 6 });
    expect(done.members.every((m) => m.outcome === 'COMPLETED' && m.doneResult === '0')).toBe(true);
    const ended = await t.collector.waitForMessage(TOPICS.BUNDLE_COMPLETED, (m) => m.key === b.bundleNo);
    expect(ended.value).toMatchObject({ state: 'COMPLETED', licenceIds: [licenceId] });

    // The dependents ran at the same time: every one started before any of them ended, after the founding one ended.
    const deps = DEPENDENTS.map((c) => member(done, c));
    const latestStart = Math.max(...deps.map((m) => Date.parse(m.startedAt!)));
    const earliestEnd = Math.min(...deps.map((m) => Date.parse(m.endedAt!)));
    expect(latestStart).toBeLessThan(earliestEnd);
    expect(Date.parse(member(done, ENTERPRISE_SETUP_CODE).endedAt!)).toBeLessThanOrEqual(
      Math.min(...deps.map((m) => Date.parse(m.startedAt!))),
    );

    // Staff of a member department see a LIMITED view; other staff and other applicants see nothing.
    const limited = await getBundle(b.bundleNo, clerkOf(GA));
    expect(limited).toMatchObject({ view: 'LIMITED', result: null });
    expect(limited.applicant).toBeUndefined();
    expect(member(limited, ENTERPRISE_SETUP_CODE).licenceId).toBeNull();
    expect(member(limited, SEAL_CODE).caseNo).toBe(member(done, SEAL_CODE).caseNo);
    expect((await call('GET', `/bundles/${b.bundleNo}`, clerkOf(JW))).status).toBe(404);
    expect((await call('GET', `/bundles/${b.bundleNo}`, stranger)).status).toBe(404);
    expect((await call('GET', `/bundles/${b.bundleNo}`, admin)).body.view).toBe('FULL');
  });

  it('a refused founding member fails the bundle; its dependents are cancelled, never created', async () => {
    const b = await fileBundle();
    const casesBefore = await t.count('SELECT count(*) AS n FROM cases');
    await deny(member(b, ENTERPRISE_SETUP_CODE).caseNo!);
    const failed = await waitBundle(b.bundleNo, (x) => x.status === 'FAILED', 'the bundle to fail');
    expect(member(failed, ENTERPRISE_SETUP_CODE)).toMatchObject({ outcome: 'FAILED', doneResult: '1' });
    for (const code of DEPENDENTS) {
      expect(member(failed, code)).toMatchObject({ outcome: 'CANCELLED', caseNo: null, startedAt: null });
      expect(member(failed, code).reason).toContain(ENTERPRISE_SETUP_CODE);
    }
    expect(await t.count('SELECT count(*) AS n FROM cases')).toBe(casesBefore);
    const ev = await t.collector.waitForMessage(TOPICS.BUNDLE_FAILED, (m) => m.key === b.bundleNo);
    expect(ev.value).toMatchObject({ state: 'FAILED', licenceIds: [] });
    const withdraw = await call('POST', `/bundles/${b.bundleNo}/withdraw`, applicant, {});
    expect([withdraw.status, withdraw.body.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('a withdrawn independent member stops nothing: the bundle ends PARTIALLY_COMPLETED', async () => {
    const b = await fileBundle();
    const licenceId = await issueBusinessLicence(member(b, ENTERPRISE_SETUP_CODE).caseNo!);
    const running = await waitBundle(
      b.bundleNo,
      (x) => DEPENDENTS.every((c) => member(x, c).outcome === 'STARTED'),
      'dependents to start',
    );
    const invoice = member(running, INVOICE_CODE).caseNo!;
    const w = await call<CaseBody>('POST', `/applications/${invoice}/withdraw`, applicant, {
      reason: '暂不需要发票',
    });
    expect(w.status).toBe(200);
    const afterWithdrawal = await waitBundle(
      b.bundleNo,
      (x) => member(x, INVOICE_CODE).outcome === 'WITHDRAWN',
      'the withdrawal to be recorded',
    );
    expect(afterWithdrawal.status).toBe('IN_PROGRESS');
    for (const code of DEPENDENTS.filter((c) => c !== INVOICE_CODE)) {
      expect(member(afterWithdrawal, code).outcome).toBe('STARTED');
      await approve(member(afterWithdrawal, code).caseNo!);
    }
    const ended = await waitBundle(
      b.bundleNo,
      (x) => x.status === 'PARTIALLY_COMPLETED',
      'the bundle to end',
    );
    expect(member(ended, INVOICE_CODE)).toMatchObject({ outcome: 'WITHDRAWN', doneResult: '2' });
    expect(ended.result).toEqual({ licenceIds: [licenceId], completed: 5, total: 6 });
    const ev = await t.collector.waitForMessage(
      TOPICS.BUNDLE_PARTIALLY_COMPLETED,
      (m) => m.key === b.bundleNo,
    );
    expect(ev.value).toMatchObject({ state: 'PARTIALLY_COMPLETED', licenceIds: [licenceId] });
  });

  it('the applicant withdraws the whole bundle: running members withdrawn, the others cancelled', async () => {
    const b = await fileBundle();
    const foundingNo = member(b, ENTERPRISE_SETUP_CODE).caseNo!;
    expect((await call('POST', `/bundles/${b.bundleNo}/withdraw`, stranger, {})).status).toBe(404);
    const tooLong = await call('POST', `/bundles/${b.bundleNo}/withdraw`, applicant, {
      reason: 'x'.repeat(501),
    });
    expect([tooLong.status, tooLong.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await call('POST', '/bundles/YJS000000202601010000001/withdraw', applicant, {})).status).toBe(
      404,
    );
    const r = await call('POST', `/bundles/${b.bundleNo}/withdraw`, applicant, { reason: '改变经营计划' });
    expect([r.status, r.body.status]).toEqual([200, 'WITHDRAWN']);
    expect(member(r.body, ENTERPRISE_SETUP_CODE)).toMatchObject({ outcome: 'WITHDRAWN', doneResult: '2' });
    for (const code of DEPENDENTS) {
      expect(member(r.body, code)).toMatchObject({ outcome: 'CANCELLED', caseNo: null });
    }
    expect((await getCase(foundingNo)).done).toMatchObject({ doneResult: '2' });
    const ev = await t.collector.waitForMessage(TOPICS.BUNDLE_WITHDRAWN, (m) => m.key === b.bundleNo);
    expect(ev.value).toMatchObject({ state: 'WITHDRAWN', reason: '改变经营计划' });
    const again = await call('POST', `/bundles/${b.bundleNo}/withdraw`, applicant, {});
    expect([again.status, again.body.code]).toEqual([409, 'INVALID_STATE']);
    // The member's own completion event arrives later and changes nothing.
    await t.collector.waitForMessage(TOPICS.CASE_COMPLETED, (m) => m.key === foundingNo);
    expect((await getBundle(b.bundleNo)).status).toBe('WITHDRAWN');
  });

  it('files once per Idempotency-Key: a retry returns the same bundle, another body with the key is 422', async () => {
    const post = (body: unknown, key: string) =>
      fetch(`${t.svc.url}/bundles`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${applicant}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
      });
    const key = randomUUID();
    const first = await post(bundleBody(), key);
    expect(first.status).toBe(201);
    const before = await footprint();
    const [a, b] = await Promise.all([post(bundleBody(), key), post(bundleBody(), key)]);
    for (const r of [a, b]) {
      expect(r.headers.get('idempotent-replayed')).toBe('true');
      expect(((await r.json()) as Bundle).bundleNo).toBe(((await first.clone().json()) as Bundle).bundleNo);
    }
    const other = await post(bundleBody({ formData: { ...formData(), companyName: '另一家公司' } }), key);
    expect([other.status, ((await other.json()) as Bundle).code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect((await post(bundleBody(), 'bad key')).status).toBe(400);
    expect(await footprint()).toEqual(before);
  });

  it('lists an applicant’s own bundles, newest first, paginated', async () => {
    const other = await fileBundle(stranger);
    const mine = await call<{ items: Bundle[]; total: number; pageSize: number }>(
      'GET',
      '/bundles?pageSize=2',
      applicant,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(2);
    expect(mine.body.total).toBeGreaterThanOrEqual(4);
    expect(mine.body.items.some((x) => x.bundleNo === other.bundleNo)).toBe(false);
    const theirs = await call<{ items: Bundle[]; total: number }>('GET', '/bundles', stranger);
    expect(theirs.body.items.map((x) => x.bundleNo)).toEqual([other.bundleNo]);
    const failed = await call<{ items: Bundle[] }>('GET', '/bundles?status=FAILED', applicant);
    expect(failed.body.items.every((x) => x.status === 'FAILED')).toBe(true);
    expect(failed.body.items.length).toBeGreaterThanOrEqual(1);
    expect((await call('GET', '/bundles?pageSize=1000', applicant)).status).toBe(400);
    expect((await call('GET', '/bundles?status=DONE', applicant)).status).toBe(400);
    const all = await call<{ total: number }>('GET', '/bundles', admin);
    expect(all.body.total).toBe(mine.body.total + theirs.body.total);
  });
});
