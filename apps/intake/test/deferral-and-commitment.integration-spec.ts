import { randomUUID } from 'node:crypto';
import { TOPICS } from '@app/shared/contracts';
import {
  ServiceUnderTest,
  startServiceUnderTest,
  testToken,
  testWorkCalendar,
  waitFor,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { ExpireOwedMaterialsUseCase } from '../src/applications/use-cases/expire-owed-materials/expire-owed-materials.use-case';
import { FlagOverduePostChecksUseCase } from '../src/applications/use-cases/flag-overdue-post-checks/flag-overdue-post-checks.use-case';
import { IntakeConfig } from '../src/config/intake.config';

const SCJG = '113301000024901620';
const TAX = '11330100002497604Y';
const GA = '11330100002491026R';

interface ItemView {
  taskCode: string;
  name: string;
  deptCode: string;
  materials: Array<{ code: string; required: boolean }>;
  formFields: Array<{ key: string; required: boolean }>;
}
interface OwedView {
  code: string;
  name: string;
  dueDate: string;
  state: string;
  suppliedAt: string | null;
  fileName: string | null;
}
interface PostCheck {
  postCheckNo: string;
  caseNo: string;
  commitmentNo: string;
  deptCode: string;
  dueDate: string;
  status: string;
  overdue: boolean;
  reason: string | null;
  checkedBy: string | null;
}
interface View {
  caseNo: string;
  status: string;
  materials: Array<{ code: string; fileName: string }>;
  acceptance: { acceptedAt: string; acceptedBy: string; promiseDate: string } | null;
  done: { doneResult: string } | null;
  licenceId: string | null;
  owedMaterials?: OwedView[];
  commitment?: {
    commitmentNo: string;
    statement: string;
    signerName: string;
    materials: Array<{ code: string; name: string }>;
  } | null;
  postCheck?: PostCheck | null;
  resultRevocation: { revokedAt: string; reason: string } | null;
}
type Body = View & { code?: string; details?: unknown; items?: PostCheck[]; total?: number } & PostCheck;

/**
 * 容缺受理 and 告知承诺制 on the real PostgreSQL and Kafka: owed materials with due dates in working days,
 * supplied (some, then the rest) or overdue (退件 by the sweep, once, across replicas); a case decided on
 * a signed commitment, its post-check listed, passed or failed (the result revoked, the commitment kept),
 * and flagged overdue once.
 */
describe('容缺受理 and 告知承诺制 (integration)', () => {
  let t: ServiceUnderTest;
  const cal = testWorkCalendar();
  const region = String(100000 + Math.floor(Math.random() * 900000));
  const applicant = testToken({ sub: 'citizen-dc', roles: ['applicant'], name: '赵六' });
  const stranger = testToken({ sub: 'citizen-dc-other', roles: ['applicant'], name: '钱七' });
  const taxClerk = testToken({ sub: 'clerk-tax', roles: ['clerk'], name: '税务窗口', dept: TAX });
  const scjgClerk = testToken({ sub: 'clerk-scjg', roles: ['clerk'], name: '市场监管窗口', dept: SCJG });
  const scjgChief = testToken({ sub: 'chief-scjg', roles: ['chief'], name: '首席代表', dept: SCJG });
  const gaApprover = testToken({ sub: 'approver-ga', roles: ['approver'], name: '公安审批', dept: GA });
  const admin = testToken({ sub: 'admin-dc', roles: ['admin'], name: '管理员' });
  let invoice: ItemView;
  let setup: ItemView;
  let food: ItemView;

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const r = await fetch(`${t.svc.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = {};
    }
    return { status: r.status, body: json as unknown as Body };
  };
  const formOf = (item: ItemView) =>
    Object.fromEntries(item.formFields.filter((f) => f.required).map((f) => [f.key, '测试值']));
  const company = { userProp: '2', name: '杭州测试科技有限公司', certType: '001', certNo: GA };
  const files = (codes: string[]) => codes.map((code) => ({ code, fileName: `${code}.pdf` }));
  const submit = async (item: ItemView, codes: string[], extra: Record<string, unknown> = {}) =>
    call('POST', '/applications', applicant, {
      itemCode: item.taskCode,
      applicant: company,
      formData: formOf(item),
      materials: files(codes),
      ...extra,
    });
  /** A window submission of 发票领用 without its deferrable materials. */
  const windowInvoice = async (codes = ['M01']) => {
    const r = await submit(invoice, codes, { submitChannel: '0' });
    expect(r.status).toBe(201);
    return r.body.caseNo;
  };
  const accept = (caseNo: string, owedMaterials?: unknown, token = taxClerk) =>
    call(
      'POST',
      `/applications/${caseNo}/accept`,
      token,
      owedMaterials === undefined ? {} : { owedMaterials },
    );
  const supplyOwed = (caseNo: string, codes: string[], token = applicant) =>
    call('POST', `/applications/${caseNo}/owed-materials`, token, { materials: files(codes) });
  const detail = async (caseNo: string, token = applicant) =>
    (await call('GET', `/applications/${caseNo}`, token)).body;
  const timelineActions = async (caseNo: string) =>
    (
      (await call('GET', `/applications/${caseNo}/timeline`, applicant)).body as unknown as {
        entries: Array<{ action: string; detail: Record<string, unknown> }>;
      }
    ).entries;
  /** What a refused request must not have changed. */
  const footprint = async (caseNo?: string) => ({
    cases: await t.count('SELECT count(*) AS n FROM cases'),
    row: caseNo
      ? (await t.pg.query('SELECT status, version FROM cases WHERE case_no = $1', [caseNo])).rows[0]
      : null,
    outbox: await t.count('SELECT count(*) AS n FROM outbox'),
    timeline: await t.count('SELECT count(*) AS n FROM case_timeline'),
    owed: await t.count('SELECT count(*) AS n FROM owed_materials WHERE supplied_at IS NOT NULL'),
    allOwed: await t.count('SELECT count(*) AS n FROM owed_materials'),
    commitments: await t.count('SELECT count(*) AS n FROM case_commitments'),
    postChecks: await t.count(`SELECT count(*) AS n FROM post_checks WHERE status <> 'PENDING'`),
  });
  const processed = (id: string) =>
    waitFor(
      async () =>
        (await t.count('SELECT count(*) AS n FROM processed_events WHERE event_id = $1', [id])) === 1 ||
        undefined,
      { description: `event ${id} processed` },
    );
  /** Approval and certificate, as their events arrive: approved with a licence, then the licence issued. */
  const approveAndIssue = async (caseNo: string, item: ItemView) => {
    const ref = {
      caseNo,
      itemCode: item.taskCode,
      itemName: item.name,
      deptCode: SCJG,
      deptName: '杭州市市场监督管理局',
    };
    const a = await t.producer.send(TOPICS.APPROVAL_CASE_APPROVED, caseNo, {
      ...ref,
      approvalId: randomUUID(),
      applicant: {
        userProp: '2',
        name: company.name,
        certType: '001',
        certMasked: GA,
        certHash: 'a'.repeat(64),
      },
      licence: { typeCode: '111000000000135652003', typeName: '营业执照', faceFields: {} },
      opinion: '告知承诺制，当场审批 (事后核查)',
      approvedAt: new Date().toISOString(),
    });
    await processed(a);
    const licenceId = `1.2.156.3005.2.111000000000135652003.${SCJG}.${caseNo}.001.X`;
    const l = await t.producer.send(TOPICS.LICENCE_ISSUED, licenceId, {
      licenceId,
      caseNo,
      itemCode: item.taskCode,
      typeCode: '111000000000135652003',
      typeName: '营业执照',
      holderName: company.name,
      holderCertType: '001',
      holderCertMasked: GA,
      holderCertHash: 'a'.repeat(64),
      issuerCode: SCJG,
      issuerName: '杭州市市场监督管理局',
      issueDate: '2026-11-26',
      validTo: null,
      version: '001',
      kid: 'it-1',
      verifyUrl: 'https://example.invalid/verify/x',
    });
    await processed(l);
    return licenceId;
  };
  const commitment = (over: Record<string, unknown> = {}) => ({
    statement: '本公司承诺所申报的住所真实、合法、有效，如有不实，愿承担相应法律责任并接受撤销登记。',
    signerName: '赵六',
    signedAt: new Date(Date.now() - 60_000).toISOString(),
    materials: ['M04'],
    ...over,
  });
  const submitCommitted = async () => {
    const r = await submit(setup, ['M01', 'M02', 'M03'], { commitment: commitment() });
    expect(r.status).toBe(201);
    return r.body;
  };

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, IntakeConfig, {
      service: 'intake',
      topics: [
        TOPICS.APPLICATION_ACCEPTED,
        TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED,
        TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE,
        TOPICS.CASE_COMPLETED,
        TOPICS.CASE_POST_CHECK_DUE,
        TOPICS.CASE_POST_CHECK_FAILED,
        TOPICS.CASE_POST_CHECK_PASSED,
        TOPICS.CASE_CLOCK_RESUMED,
      ],
      env: { REGION_CODE: region },
    });
    const items = (await (await fetch(`${t.svc.url}/items?pageSize=100`)).json()) as { items: ItemView[] };
    invoice = items.items.find((i) => i.name === '发票领用（首次申领）')!;
    setup = items.items.find((i) => i.name === '企业设立登记')!;
    food = items.items.find((i) => i.name === '食品经营许可')!;
    expect([invoice, setup, food].every(Boolean)).toBe(true);
    // Two 容缺 materials on 发票领用 for this database: M02 (3 working days) besides the seeded M03 (5).
    await t.pg.query(
      `UPDATE service_items SET materials = jsonb_set(materials, '{1}',
         materials->1 || '{"key": false, "deferrable": true, "deferDays": 3}'::jsonb)
       WHERE task_code = $1 AND status = '2'`,
      [invoice.taskCode],
    );
  });

  afterAll(() => t.stop());

  describe('容缺受理', () => {
    it('accepts with owed materials, each due deferDays working days after 受理, in the accepted event and on the timeline', async () => {
      const caseNo = await windowInvoice();
      const r = await accept(caseNo, ['M02', 'M03']);
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('ACCEPTED');
      const acceptedAt = new Date(r.body.acceptance!.acceptedAt);
      const due = (days: number) => cal.dueDate(acceptedAt, days, '1').dueDate;
      const v = await detail(caseNo);
      expect(v.owedMaterials).toEqual([
        expect.objectContaining({ code: 'M02', dueDate: due(3), state: 'OWED', suppliedAt: null }),
        expect.objectContaining({ code: 'M03', dueDate: due(5), state: 'OWED', suppliedAt: null }),
      ]);
      const ev = await t.collector.waitForMessage(TOPICS.APPLICATION_ACCEPTED, (m) => m.key === caseNo);
      expect(ev.value).toMatchObject({
        owedMaterials: [
          { code: 'M02', name: expect.any(String), dueDate: due(3) },
          { code: 'M03', name: expect.any(String), dueDate: due(5) },
        ],
      });
      const recorded = (await timelineActions(caseNo)).find((e) => e.action === 'OWED_MATERIALS_RECORDED');
      expect(recorded?.detail).toMatchObject({ materials: [{ code: 'M02' }, { code: 'M03' }] });
    });

    it('owes a required deferrable material still missing even when the clerk does not list it', async () => {
      const caseNo = await windowInvoice(['M01', 'M02']);
      expect((await accept(caseNo)).status).toBe(200);
      expect((await detail(caseNo)).owedMaterials?.map((o) => o.code)).toEqual(['M03']);
    });

    it('refuses owing a key, unknown or already submitted material, and bad input, writing nothing', async () => {
      const caseNo = await windowInvoice(['M01', 'M03']);
      const before = await footprint(caseNo);
      const key = await accept(caseNo, ['M01']);
      expect([key.status, key.body.code]).toEqual([422, 'MATERIAL_NOT_DEFERRABLE']);
      const unknown = await accept(caseNo, ['M09']);
      expect([unknown.status, unknown.body.code]).toEqual([422, 'UNKNOWN_MATERIAL']);
      const given = await accept(caseNo, ['M03']);
      expect([given.status, given.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const dup = await accept(caseNo, ['M02', 'M02']);
      expect([dup.status, dup.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      for (const bad of ['M02', [1], ['m-2'], ['M02'.repeat(5)]]) {
        const r = await accept(caseNo, bad);
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect(await footprint(caseNo)).toEqual(before);
    });

    it('takes owed materials from the applicant some at a time, each once, and tells approval what is left', async () => {
      const caseNo = await windowInvoice();
      expect((await accept(caseNo, ['M02', 'M03'])).status).toBe(200);
      const before = await footprint(caseNo);
      expect((await supplyOwed(caseNo, ['M03'], stranger)).status).toBe(404);
      expect((await supplyOwed(caseNo, ['M03'], taxClerk)).status).toBe(403);
      expect((await call('POST', `/applications/${caseNo}/owed-materials`, undefined, {})).status).toBe(401);
      for (const body of [{}, { materials: [] }, { materials: [{ code: 'M03' }] }]) {
        const r = await call('POST', `/applications/${caseNo}/owed-materials`, applicant, body);
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      const notOwed = await supplyOwed(caseNo, ['M01']);
      expect([notOwed.status, notOwed.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const twice = await supplyOwed(caseNo, ['M03', 'M03']);
      expect([twice.status, twice.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(await footprint(caseNo)).toEqual(before);

      const first = await supplyOwed(caseNo, ['M03']);
      expect(first.status).toBe(200);
      expect(first.body.owedMaterials!.map((o) => [o.code, o.state])).toEqual([
        ['M02', 'OWED'],
        ['M03', 'SUPPLIED'],
      ]);
      expect(first.body.materials.map((m) => m.code)).toEqual(['M01', 'M03']);
      const ev1 = await t.collector.waitForMessage(
        TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED,
        (m) => m.key === caseNo,
      );
      expect(ev1.value).toMatchObject({ materials: ['M03'], outstanding: ['M02'] });
      const again = await supplyOwed(caseNo, ['M03']);
      expect([again.status, again.body.code]).toEqual([400, 'VALIDATION_FAILED']);

      const rest = await supplyOwed(caseNo, ['M02']);
      expect(rest.status).toBe(200);
      expect(rest.body.owedMaterials!.every((o) => o.state === 'SUPPLIED')).toBe(true);
      await waitFor(
        () =>
          t.collector.find(TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED, (m) => m.key === caseNo).length ===
            2 || undefined,
        { description: 'second supplied event' },
      );
      const ev2 = t.collector.find(TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED, (m) => m.key === caseNo)[1];
      expect(ev2.value).toMatchObject({ materials: ['M02'], outstanding: [] });
      const none = await supplyOwed(caseNo, ['M02']);
      expect([none.status, none.body.code]).toEqual([409, 'INVALID_STATE']);
      const supplied = (await timelineActions(caseNo)).filter((e) => e.action === 'OWED_MATERIALS_SUPPLIED');
      expect(supplied.map((e) => e.detail)).toEqual([
        { materials: ['M03'], outstanding: ['M02'] },
        { materials: ['M02'], outstanding: [] },
      ]);
    });

    it('returns the case (退件, 5) once an owed material is overdue: one sweeper across replicas, events once', async () => {
      const caseNo = await windowInvoice();
      expect((await accept(caseNo, ['M02', 'M03'])).status).toBe(200);
      // M02's deadline passed (as if 4 working days went by); M03 is still in time.
      await t.pg.query(
        `UPDATE owed_materials SET due_at = now() - interval '1 hour', due_date = (now() - interval '1 day')::date
         WHERE case_no = $1 AND code = 'M02'`,
        [caseNo],
      );
      const late = await supplyOwed(caseNo, ['M02']);
      expect([late.status, late.body.code]).toEqual([409, 'SUPPLEMENT_DEADLINE_PASSED']);

      const sweep = t.svc.app.get(ExpireOwedMaterialsUseCase);
      const [a, b] = await Promise.all([sweep.execute(), sweep.execute()]);
      expect([...a, ...b].filter((n) => n === caseNo)).toEqual([caseNo]);
      expect(await sweep.execute()).not.toContain(caseNo);

      const v = await detail(caseNo);
      expect(v).toMatchObject({ status: 'DONE', done: { doneResult: '5' } });
      expect(v.owedMaterials!.map((o) => [o.code, o.state])).toEqual([
        ['M02', 'OVERDUE'],
        ['M03', 'OWED'],
      ]);
      const overdue = await t.collector.waitForMessage(
        TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE,
        (m) => m.key === caseNo,
      );
      expect(overdue.value).toMatchObject({
        materials: [{ code: 'M02' }],
        previousStatus: 'ACCEPTED',
        doneResult: '5',
      });
      const done = await t.collector.waitForMessage(TOPICS.CASE_COMPLETED, (m) => m.key === caseNo);
      expect(done.value).toMatchObject({ doneResult: '5' });
      const actions = (await timelineActions(caseNo)).map((e) => e.action);
      expect(actions.slice(-2)).toEqual(['OWED_MATERIALS_OVERDUE', 'DONE']);
      expect(
        t.collector.find(TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE, (m) => m.key === caseNo),
      ).toHaveLength(1);
      const after = await supplyOwed(caseNo, ['M03']);
      expect([after.status, after.body.code]).toEqual([409, 'INVALID_STATE']);
    });
  });

  describe('容缺 overdue per the item’s rule', () => {
    const TASK = `${SCJG}000111296000001`;
    /** An item of the market regulator with one 容缺 material (M02, 5 working days). */
    const itemBody = (over: Record<string, unknown> = {}) => ({
      catalogCode: '000111296000',
      name: '容缺规则测试许可',
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
    /** A window case of the item's published version, accepted with M02 owed. */
    const acceptedOwing = async (item: ItemView) => {
      const r = await submit(item, ['M01'], { submitChannel: '0' });
      expect(r.status).toBe(201);
      const a = await accept(r.body.caseNo, ['M02'], scjgClerk);
      expect(a.status).toBe(200);
      return r.body.caseNo;
    };
    const makeOverdue = (caseNo: string) =>
      t.pg.query(
        `UPDATE owed_materials SET due_at = now() - interval '1 hour', due_date = (now() - interval '1 day')::date
         WHERE case_no = $1`,
        [caseNo],
      );

    it('refuses a rule other than 5 退件 / 1 不予许可 on write (400, nothing written); 5 by default', async () => {
      const before = await t.count('SELECT count(*) AS n FROM service_items');
      for (const bad of ['6', '2', 1, '']) {
        const r = await call('POST', '/items', admin, {
          ...itemBody(),
          taskCode: TASK,
          owedOverdueResult: bad,
        });
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect(await t.count('SELECT count(*) AS n FROM service_items')).toBe(before);
      const plain = await call('POST', '/items', admin, {
        ...itemBody(),
        taskCode: `${SCJG}000111295000001`,
      });
      expect(plain.status).toBe(201);
      expect(
        (plain.body as unknown as { rules: { owedOverdueResult: string } }).rules.owedOverdueResult,
      ).toBe('5');
    });

    it('ends an overdue case as 不予许可 (1) when its item version says so, as 退件 (5) under a version that does not', async () => {
      const created = await call('POST', '/items', admin, {
        ...itemBody(),
        taskCode: TASK,
        owedOverdueResult: '1',
      });
      expect(created.status).toBe(201);
      expect((await call('POST', `/items/${TASK}/publish`, admin)).status).toBe(200);
      const v1 = (await call('GET', `/items/${TASK}`)).body as unknown as ItemView & {
        rules: { owedOverdueResult: string };
      };
      expect(v1.rules.owedOverdueResult).toBe('1');
      const denied = await acceptedOwing(v1);

      // Version 2 returns (5); the case filed under version 1 keeps version 1's rule.
      expect((await call('POST', `/items/${TASK}/versions`, admin)).status).toBe(201);
      const { name: _n, ...v2Elements } = itemBody({ name: '容缺规则测试许可', owedOverdueResult: '5' });
      expect((await call('PUT', `/items/${TASK}`, admin, { name: _n, ...v2Elements })).status).toBe(200);
      expect((await call('POST', `/items/${TASK}/publish`, admin)).status).toBe(200);
      const v2 = (await call('GET', `/items/${TASK}`)).body as unknown as ItemView;
      const returned = await acceptedOwing(v2);

      // The case owing under version 1 is in a 特别程序 (approval suspended it: its clock stands still).
      const procedureId = randomUUID();
      const suspendedAt = new Date();
      const sent = await t.producer.send(TOPICS.APPROVAL_CASE_SUSPENDED, denied, {
        caseNo: denied,
        itemCode: TASK,
        itemName: '容缺规则测试许可',
        deptCode: SCJG,
        deptName: '杭州市市场监督管理局',
        approvalId: randomUUID(),
        procedureId,
        type: '4',
        typeName: '核实',
        result: '6',
        reason: '现场核实经营场所',
        expectedEndDate: '2099-12-31',
        stepNo: 1,
        suspendedBy: '审批人',
        suspendedAt: suspendedAt.toISOString(),
      });
      await processed(sent);
      expect(
        await t.count('SELECT count(*) AS n FROM case_pauses WHERE case_no = $1 AND ended_at IS NULL', [
          denied,
        ]),
      ).toBe(1);

      await makeOverdue(denied);
      await makeOverdue(returned);
      const ended = await t.svc.app.get(ExpireOwedMaterialsUseCase).execute();
      expect(ended).toEqual(expect.arrayContaining([denied, returned]));

      expect(await detail(denied)).toMatchObject({ status: 'DONE', done: { doneResult: '1' } });
      expect(await detail(returned)).toMatchObject({ status: 'DONE', done: { doneResult: '5' } });
      const overdueOf = (caseNo: string) =>
        t.collector.waitForMessage(TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE, (m) => m.key === caseNo);
      expect((await overdueOf(denied)).value).toMatchObject({
        materials: [{ code: 'M02' }],
        previousStatus: 'ACCEPTED',
        doneResult: '1',
      });
      expect((await overdueOf(returned)).value).toMatchObject({ doneResult: '5' });
      const completed = await t.collector.waitForMessage(TOPICS.CASE_COMPLETED, (m) => m.key === denied);
      expect(completed.value).toMatchObject({ doneResult: '1' });
      const deniedActions = await timelineActions(denied);
      expect(deniedActions.slice(-2).map((e) => [e.action, e.detail.doneResult])).toEqual([
        ['OWED_MATERIALS_OVERDUE_DENIED', '1'],
        ['DONE', '1'],
      ]);
      expect((await timelineActions(returned)).slice(-2).map((e) => e.action)).toEqual([
        'OWED_MATERIALS_OVERDUE',
        'DONE',
      ]);

      // The 特别程序's pause ended with the case, said by the clock event in the same transaction.
      const clock = await t.collector.waitForMessage(TOPICS.CASE_CLOCK_RESUMED, (m) => m.key === denied);
      expect(clock.value).toMatchObject({
        reason: 'SPECIAL_PROCEDURE',
        pauseRef: procedureId,
        pauseStartedAt: suspendedAt.toISOString(),
        caseDoneResult: '1',
      });
      expect(
        await t.count('SELECT count(*) AS n FROM case_pauses WHERE case_no = $1 AND ended_at IS NULL', [
          denied,
        ]),
      ).toBe(0);
      const rows = await t.pg.query<{ topic: string; created_at: Date }>(
        `SELECT topic, created_at FROM outbox WHERE message_key = $1 AND topic = ANY($2) ORDER BY id`,
        [
          denied,
          [TOPICS.CASE_CLOCK_RESUMED, TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE, TOPICS.CASE_COMPLETED],
        ],
      );
      expect(rows.rows.map((r) => r.topic)).toEqual([
        TOPICS.CASE_CLOCK_RESUMED,
        TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE,
        TOPICS.CASE_COMPLETED,
      ]);
      expect(new Set(rows.rows.map((r) => r.created_at.getTime())).size).toBe(1);
      // The case without a running pause gets no clock event.
      expect(
        await t.count('SELECT count(*) AS n FROM outbox WHERE message_key = $1 AND topic = $2', [
          returned,
          TOPICS.CASE_CLOCK_RESUMED,
        ]),
      ).toBe(0);
    });
  });

  describe('告知承诺制', () => {
    it('decides on the spot on a signed commitment: accepted, the commitment kept, a post-check due in working days', async () => {
      const v = await submitCommitted();
      expect(v.status).toBe('ACCEPTED');
      expect(v.acceptance!.acceptedBy).toBe('系统 (告知承诺制当场受理)');
      const full = await detail(v.caseNo);
      expect(full.commitment).toMatchObject({
        commitmentNo: `CN${v.caseNo}`,
        signerName: '赵六',
        materials: [{ code: 'M04', name: '住所使用证明' }],
      });
      const dueDate = cal.dueDate(new Date(v.acceptance!.acceptedAt), 20, '1').dueDate;
      expect(full.postCheck).toMatchObject({
        postCheckNo: `HC${v.caseNo}`,
        status: 'PENDING',
        overdue: false,
        dueDate,
        deptCode: SCJG,
      });
      const ev = await t.collector.waitForMessage(TOPICS.APPLICATION_ACCEPTED, (m) => m.key === v.caseNo);
      expect(ev.value).toMatchObject({
        commitment: { commitmentNo: `CN${v.caseNo}`, materials: ['M04'], postCheckDueDate: dueDate },
      });
      const actions = (await timelineActions(v.caseNo)).map((e) => e.action);
      expect(actions).toEqual(['SUBMITTED', 'ACCEPTED', 'COMMITMENT_SIGNED', 'POST_CHECK_CREATED']);
    });

    it('refuses a commitment the item or the material does not allow, and bad commitments, writing nothing', async () => {
      const before = await footprint();
      const notAllowed = await submit(setup, ['M02', 'M03', 'M04'], {
        commitment: commitment({ materials: ['M01'] }),
      });
      expect([notAllowed.status, notAllowed.body.code]).toEqual([422, 'COMMITMENT_NOT_ALLOWED']);
      const noPostCheck = await submit(
        food,
        food.materials.filter((m) => m.code !== 'M02').map((m) => m.code),
        { commitment: commitment({ materials: ['M02'] }) },
      );
      expect([noPostCheck.status, noPostCheck.body.code]).toEqual([422, 'COMMITMENT_NOT_ALLOWED']);
      const incomplete = await submit(setup, ['M01', 'M03'], { commitment: commitment() });
      expect([incomplete.status, incomplete.body.code]).toEqual([422, 'MATERIALS_INCOMPLETE']);
      const both = await submit(setup, ['M01', 'M02', 'M03', 'M04'], { commitment: commitment() });
      expect([both.status, both.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const future = await submit(setup, ['M01', 'M02', 'M03'], {
        commitment: commitment({ signedAt: new Date(Date.now() + 86_400_000).toISOString() }),
      });
      expect([future.status, future.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      for (const bad of [
        commitment({ statement: '短' }),
        commitment({ signerName: undefined }),
        commitment({ signedAt: 'yesterday' }),
        commitment({ materials: [] }),
        commitment({ materials: ['M04', 'M04'] }),
        'yes',
      ]) {
        const r = await submit(setup, ['M01', 'M02', 'M03'], { commitment: bad });
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect(await footprint()).toEqual(before);
    });

    it('lists post-checks to the department’s staff (paginated, by status and overdue), to nobody else', async () => {
      const v = await submitCommitted();
      const list = async (token: string, query = '') =>
        call('GET', `/applications/post-checks${query}`, token);
      const mine = await list(scjgClerk, '?status=PENDING&pageSize=100');
      expect(mine.status).toBe(200);
      expect(mine.body.items!.map((p) => p.caseNo)).toContain(v.caseNo);
      expect(mine.body.items!.every((p) => p.deptCode === SCJG && p.status === 'PENDING')).toBe(true);
      expect((await list(admin, '?pageSize=100')).body.items!.map((p) => p.caseNo)).toContain(v.caseNo);
      expect((await list(gaApprover)).body.items).toEqual([]);
      expect(
        (await list(scjgClerk, '?overdue=true&pageSize=100')).body.items!.map((p) => p.caseNo),
      ).not.toContain(v.caseNo);
      expect(
        (await list(scjgClerk, '?status=PASSED&pageSize=100')).body.items!.map((p) => p.caseNo),
      ).not.toContain(v.caseNo);
      const page = await list(scjgClerk, '?pageSize=1');
      expect(page.body).toMatchObject({ page: 1, pageSize: 1 });
      expect(page.body.items).toHaveLength(1);
      expect((await list(applicant)).status).toBe(403);
      expect((await call('GET', '/applications/post-checks')).status).toBe(401);
      for (const q of ['?status=DONE', '?overdue=maybe', '?pageSize=0']) {
        const r = await list(scjgClerk, q);
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
    });

    it('records a failed post-check once: the result revoked, certificate told, the commitment kept', async () => {
      const v = await submitCommitted();
      const post = (body: unknown, token = scjgChief) =>
        call('POST', `/applications/${v.caseNo}/post-check`, token, body);
      const early = await post({ result: 'PASSED' });
      expect([early.status, early.body.code]).toEqual([409, 'INVALID_STATE']);
      const licenceId = await approveAndIssue(v.caseNo, setup);
      expect(await detail(v.caseNo)).toMatchObject({ status: 'DONE', done: { doneResult: '0' }, licenceId });

      const before = await footprint(v.caseNo);
      for (const body of [{}, { result: 'MAYBE' }, { result: 'FAILED' }, { result: 'FAILED', reason: 'x' }]) {
        const r = await post(body);
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect((await post({ result: 'PASSED' }, applicant)).status).toBe(403);
      expect((await post({ result: 'PASSED' }, admin)).status).toBe(403);
      expect((await post({ result: 'PASSED' }, gaApprover)).status).toBe(404);
      expect((await call('POST', `/applications/${v.caseNo}/post-check`, undefined, {})).status).toBe(401);
      const ghost = await call('POST', `/applications/${region}20261126999999/post-check`, scjgChief, {
        result: 'PASSED',
      });
      expect(ghost.status).toBe(404);
      expect(await footprint(v.caseNo)).toEqual(before);

      const failed = await post({ result: 'FAILED', reason: '现场核查：住所不存在，承诺不实' });
      expect(failed.status).toBe(200);
      expect(failed.body).toMatchObject({ status: 'FAILED', reason: '现场核查：住所不存在，承诺不实' });
      const after = await detail(v.caseNo);
      expect(after.resultRevocation).toMatchObject({ reason: '现场核查：住所不存在，承诺不实' });
      expect(after.commitment?.commitmentNo).toBe(`CN${v.caseNo}`);
      const ev = await t.collector.waitForMessage(TOPICS.CASE_POST_CHECK_FAILED, (m) => m.key === v.caseNo);
      expect(ev.value).toMatchObject({
        postCheckNo: `HC${v.caseNo}`,
        commitmentNo: `CN${v.caseNo}`,
        reason: '现场核查：住所不存在，承诺不实',
        checkedBy: '首席代表',
        licenceId,
      });
      const actions = (await timelineActions(v.caseNo)).map((e) => e.action);
      expect(actions.slice(-2)).toEqual(['POST_CHECK_FAILED', 'RESULT_REVOKED']);
      const twice = await post({ result: 'PASSED' });
      expect([twice.status, twice.body.code]).toEqual([409, 'INVALID_STATE']);
      // The commitment is evidence: the database refuses to change or delete it.
      await expect(t.pg.query('DELETE FROM case_commitments WHERE case_no = $1', [v.caseNo])).rejects.toThrow(
        /kept as signed/,
      );
      await expect(
        t.pg.query(`UPDATE case_commitments SET statement = 'x' WHERE case_no = $1`, [v.caseNo]),
      ).rejects.toThrow(/kept as signed/);
      expect(await t.count('SELECT count(*) AS n FROM case_commitments WHERE case_no = $1', [v.caseNo])).toBe(
        1,
      );
    });

    it('records a passed post-check without revoking anything', async () => {
      const v = await submitCommitted();
      await approveAndIssue(v.caseNo, setup);
      const r = await call('POST', `/applications/${v.caseNo}/post-check`, scjgClerk, {
        result: 'PASSED',
        reason: '核查属实',
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'PASSED', checkedBy: '市场监管窗口' });
      expect((await detail(v.caseNo)).resultRevocation).toBeNull();
      expect((await timelineActions(v.caseNo)).map((e) => e.action)).toContain('POST_CHECK_PASSED');
      const passed = await t.collector.waitForMessage(
        TOPICS.CASE_POST_CHECK_PASSED,
        (m) => m.key === v.caseNo,
      );
      expect(passed.value).toMatchObject({
        caseNo: v.caseNo,
        postCheckNo: `HC${v.caseNo}`,
        commitmentNo: `CN${v.caseNo}`,
        checkedBy: '市场监管窗口',
        remark: '核查属实',
      });
      expect(
        await t.count(`SELECT count(*) AS n FROM outbox WHERE message_key = $1 AND topic = $2`, [
          v.caseNo,
          TOPICS.CASE_POST_CHECK_PASSED,
        ]),
      ).toBe(1);
      expect(
        await t.count(`SELECT count(*) AS n FROM outbox WHERE message_key = $1 AND topic = $2`, [
          v.caseNo,
          TOPICS.CASE_POST_CHECK_FAILED,
        ]),
      ).toBe(0);
    });

    it('flags a post-check past its deadline once (event and timeline), however many sweeps run', async () => {
      const v = await submitCommitted();
      await t.pg.query(
        `UPDATE post_checks SET due_at = now() - interval '1 hour', due_date = (now() - interval '1 day')::date
         WHERE case_no = $1`,
        [v.caseNo],
      );
      const sweep = t.svc.app.get(FlagOverduePostChecksUseCase);
      const [a, b] = await Promise.all([sweep.execute(), sweep.execute()]);
      expect([...a, ...b].filter((n) => n === v.caseNo)).toEqual([v.caseNo]);
      expect(await sweep.execute()).not.toContain(v.caseNo);
      const ev = await t.collector.waitForMessage(TOPICS.CASE_POST_CHECK_DUE, (m) => m.key === v.caseNo);
      expect(ev.value).toMatchObject({ postCheckNo: `HC${v.caseNo}`, commitmentNo: `CN${v.caseNo}` });
      expect(
        await t.count(`SELECT count(*) AS n FROM outbox WHERE message_key = $1 AND topic = $2`, [
          v.caseNo,
          TOPICS.CASE_POST_CHECK_DUE,
        ]),
      ).toBe(1);
      expect((await timelineActions(v.caseNo)).filter((e) => e.action === 'POST_CHECK_OVERDUE')).toHaveLength(
        1,
      );
      const overdue = await call('GET', '/applications/post-checks?overdue=true&pageSize=100', scjgClerk);
      expect(overdue.body.items!.find((p) => p.caseNo === v.caseNo)).toMatchObject({ overdue: true });
    });
  });
});
