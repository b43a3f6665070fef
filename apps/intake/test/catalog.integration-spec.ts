import { DataSource } from 'typeorm';
import { TOPICS } from '@app/shared/contracts';
import { testToken, ServiceUnderTest, startServiceUnderTest } from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { ServiceItemEntity } from '../src/catalog/entities/service-item.entity';
import { itemRuleProblems } from '../src/catalog/item-rules';
import { IntakeConfig } from '../src/config/intake.config';

const SCJG = '113301000024901620';
const TASK_CODE = `${SCJG}000111299000001`;

interface AdminView {
  id: string;
  taskCode: string;
  status: string;
  version: number;
  name: string;
  promiseLimit: { value: number; unit: string };
  rules: { deferrableMaterials: string[]; commitmentAllowed: boolean; postCheckDays: number | null };
}

const body = (over: Record<string, unknown> = {}) => ({
  taskCode: TASK_CODE,
  catalogCode: '000111299000',
  name: '集成测试许可',
  taskType: '01',
  deptCode: SCJG,
  deptName: '杭州市市场监督管理局',
  legalLimit: { value: 20, unit: '1' },
  promiseLimit: { value: 5, unit: '1' },
  projectType: '2',
  visitCount: 0,
  serverTypes: ['2'],
  materials: [
    { code: 'M01', name: '申请书', required: true, format: '电子', source: '申请人自备', key: true },
    {
      code: 'M02',
      name: '场所证明',
      required: true,
      format: '电子',
      source: '申请人自备',
      key: false,
      deferrable: true,
      deferDays: 5,
    },
  ],
  formFields: [{ key: 'premises', label: '经营场所', required: true }],
  yieldsLicence: false,
  legalBasis: '《测试条例》第一条',
  onlineDepth: '4',
  ...over,
});
const { taskCode: _taskCode, ...elements } = body();

/** The catalog administration on the real PostgreSQL: drafts, versions, publication, rules, audit. */
describe('catalog (integration)', () => {
  let t: ServiceUnderTest;
  const admin = testToken({ sub: 'admin-it', roles: ['admin'], name: '管理员' });
  const applicant = testToken({ sub: 'citizen-cat', roles: ['applicant'], name: '张三' });
  const clerk = testToken({ sub: 'clerk-cat', roles: ['clerk'], name: '窗口', dept: SCJG });

  const call = async (method: string, path: string, token?: string, payload?: unknown) => {
    const r = await fetch(`${t.svc.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  };
  const countItems = () => t.count('SELECT count(*) AS n FROM service_items', []);
  const countAudit = () => t.count('SELECT count(*) AS n FROM catalog_audit', []);

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, IntakeConfig, {
      service: 'intake',
      topics: [TOPICS.APPLICATION_SUBMITTED],
    });
  });

  afterAll(() => t.stop());

  it('seeds the 企业开办 items, every stored version passing the consistency rules', async () => {
    const all = await t.svc.app.get(DataSource, { strict: false }).getRepository(ServiceItemEntity).find();
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(
      all.map((i) => ({ name: i.name, problems: itemRuleProblems(i) })).filter((p) => p.problems.length),
    ).toEqual([]);
    const list = await call('GET', '/items?pageSize=100');
    const items = list.body.items as Array<
      AdminView & { deptName: string; legalBasis: string; onlineDepth: string }
    >;
    const names = items.map((i) => i.name);
    expect(names).toEqual(
      expect.arrayContaining([
        '企业设立登记',
        '公章刻制备案',
        '新办纳税人涉税信息确认（税务登记）',
        '发票领用（首次申领）',
        '社会保险参保登记',
        '住房公积金单位缴存登记',
      ]),
    );
    expect(items.map((i) => i.deptName)).toEqual(
      expect.arrayContaining(['国家税务总局杭州市税务局', '杭州住房公积金管理中心']),
    );
    expect(items.every((i) => i.legalBasis && i.onlineDepth)).toBe(true);
    const setup = items.find((i) => i.name === '企业设立登记')!;
    expect(setup).toMatchObject({ version: 2, rules: { commitmentAllowed: true, postCheckDays: 20 } });
    expect(items.find((i) => i.name === '发票领用（首次申领）')!.rules.deferrableMaterials).toEqual(['M03']);
    // Version 1 of 企业设立登记 is kept (已替代) for the cases filed under it.
    expect(
      await t.count(`SELECT count(*) AS n FROM service_items WHERE task_code = $1 AND status = '4'`, [
        setup.taskCode,
      ]),
    ).toBe(1);
    expect(await t.count(`SELECT count(*) AS n FROM catalog_audit WHERE action = 'SEED'`)).toBe(all.length);
  });

  it('drafts, edits, publishes, versions and publishes again; a case keeps the version it was filed under', async () => {
    const created = await call('POST', '/items', admin, body());
    expect(created.status).toBe(201);
    const v1 = created.body as unknown as AdminView;
    expect(v1).toMatchObject({ status: '0', version: 1, rules: { deferrableMaterials: ['M02'] } });
    // A draft is not public.
    expect((await call('GET', `/items/${TASK_CODE}`)).status).toBe(404);
    const edited = await call('PUT', `/items/${TASK_CODE}`, admin, {
      ...elements,
      name: '集成测试许可（修订）',
    });
    expect([edited.status, edited.body.name]).toEqual([200, '集成测试许可（修订）']);
    const pub1 = await call('POST', `/items/${TASK_CODE}/publish`, admin);
    expect([pub1.status, pub1.body.status]).toEqual([200, '2']);
    // Published: not editable, public, and a case is filed under version 1.
    expect((await call('PUT', `/items/${TASK_CODE}`, admin, elements)).status).toBe(409);
    expect((await call('POST', `/items/${TASK_CODE}/publish`, admin)).status).toBe(409);
    expect((await call('GET', `/items/${TASK_CODE}`)).body).toMatchObject({ version: 1 });
    const submitted = await call('POST', '/applications', applicant, {
      itemCode: TASK_CODE,
      applicant: { userProp: '2', name: '杭州测试有限公司', certType: '001', certNo: '11330100002491026R' },
      formData: { premises: '杭州市' },
      materials: [
        { code: 'M01', fileName: 'M01.pdf' },
        { code: 'M02', fileName: 'M02.pdf' },
      ],
    });
    expect(submitted.status).toBe(201);
    const caseNo = submitted.body.caseNo as string;

    const v2 = await call('POST', `/items/${TASK_CODE}/versions`, admin);
    expect([v2.status, v2.body.version, v2.body.status]).toEqual([201, 2, '0']);
    expect((await call('POST', `/items/${TASK_CODE}/versions`, admin)).status).toBe(409);
    const v2edit = await call('PUT', `/items/${TASK_CODE}`, admin, {
      ...elements,
      promiseLimit: { value: 3, unit: '1' },
    });
    expect(v2edit.status).toBe(200);
    const pub2 = await call('POST', `/items/${TASK_CODE}/publish`, admin);
    expect([pub2.status, pub2.body.version]).toEqual([200, 2]);

    // The public catalog lists version 2 only; version 1 is 已替代 and still readable by id.
    const pub = await call('GET', `/items/${TASK_CODE}`);
    expect(pub.body).toMatchObject({ version: 2, promiseLimit: { value: 3, unit: '1' } });
    const listed = (await call('GET', `/items?keyword=${encodeURIComponent('集成测试许可')}`)).body;
    expect((listed.items as AdminView[]).map((i) => i.version)).toEqual([2]);
    const old = await call('GET', `/catalog/items/${v1.id}`, admin);
    expect(old.body).toMatchObject({ id: v1.id, status: '4', statusName: '已替代', version: 1 });
    const versions = await call('GET', `/catalog/items?taskCode=${TASK_CODE}`, admin);
    expect((versions.body.items as AdminView[]).map((i) => `${i.version}:${i.status}`)).toEqual([
      '1:4',
      '2:2',
    ]);
    expect(
      (
        (await call('GET', `/catalog/items?status=4&taskCode=${TASK_CODE}`, admin)).body.items as AdminView[]
      ).map((i) => i.version),
    ).toEqual([1]);

    // The case still points at version 1 and is accepted with version 1's promise (5 working days).
    expect(
      (await t.pg.query<{ item_id: string }>('SELECT item_id FROM cases WHERE case_no = $1', [caseNo])).rows,
    ).toEqual([{ item_id: v1.id }]);
    expect((await call('POST', `/applications/${caseNo}/accept`, clerk, {})).status).toBe(200);

    // Every write is audited: who, when, what.
    const audit = await call('GET', `/catalog/audit?taskCode=${TASK_CODE}`, admin);
    const entries = (audit.body.items as Array<{ action: string; itemVersion: number; actorSub: string }>)
      .map((a) => `${a.action} v${a.itemVersion} ${a.actorSub}`)
      .reverse();
    expect(entries).toEqual([
      'CREATE v1 admin-it',
      'UPDATE v1 admin-it',
      'PUBLISH v1 admin-it',
      'NEW_VERSION v2 admin-it',
      'UPDATE v2 admin-it',
      'SUPERSEDE v1 admin-it',
      'PUBLISH v2 admin-it',
    ]);
  });

  it('refuses invalid input with 400, listing every broken rule, and writes nothing', async () => {
    const [items, audit] = [await countItems(), await countAudit()];
    const bad = await call(
      'POST',
      '/items',
      admin,
      body({
        taskCode: `${SCJG}000111298000001`,
        visitCount: 1,
        projectType: '1',
        yieldsLicence: true,
        licenceTypeCode: '1234567890',
        materials: [
          {
            code: 'M01',
            name: '申请书',
            required: true,
            format: '电子',
            source: '申请人自备',
            key: true,
            deferrable: true,
            deferDays: 3,
          },
        ],
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect((bad.body.details as Array<{ rule: string }>).map((d) => d.rule)).toEqual([
      'FULL_ONLINE_NO_VISIT',
      'VISIT_REASON_REQUIRED',
      'IMMEDIATE_MEANS_ZERO_PROMISE',
      'DEFERRABLE_NOT_KEY',
      'LICENCE_TYPE_CODE',
      'LICENCE_TYPE_NAME',
    ]);
    const malformed = await call('POST', '/items', admin, body({ onlineDepth: '9', materials: [] }));
    expect([malformed.status, malformed.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await call('GET', '/catalog/items/not-a-uuid', admin)).status).toBe(400);
    expect((await call('GET', '/catalog/items?status=9', admin)).status).toBe(400);
    expect([await countItems(), await countAudit()]).toEqual([items, audit]);
  });

  it('answers 401 without a token and 403 to every role but admin on the admin routes', async () => {
    const routes: Array<[string, string, unknown?]> = [
      ['POST', '/items', body({ taskCode: `${SCJG}000111297000001` })],
      ['PUT', `/items/${TASK_CODE}`, elements],
      ['POST', `/items/${TASK_CODE}/versions`],
      ['POST', `/items/${TASK_CODE}/publish`],
      ['GET', '/catalog/items'],
      ['GET', `/catalog/items/00000000-0000-4000-8000-000000000000`],
      ['GET', '/catalog/audit'],
    ];
    const [items, audit] = [await countItems(), await countAudit()];
    for (const [method, path, payload] of routes) {
      const anon = await call(method, path, undefined, payload);
      expect([`${method} ${path}`, anon.status, anon.body.code]).toEqual([
        `${method} ${path}`,
        401,
        'UNAUTHENTICATED',
      ]);
      for (const role of ['applicant', 'clerk', 'approver', 'partner']) {
        const token = testToken({ sub: `r-${role}`, roles: [role as 'clerk'], dept: SCJG, name: role });
        const r = await call(method, path, token, payload);
        expect([`${method} ${path} as ${role}`, r.status]).toEqual([`${method} ${path} as ${role}`, 403]);
      }
    }
    expect([await countItems(), await countAudit()]).toEqual([items, audit]);
  });
});
