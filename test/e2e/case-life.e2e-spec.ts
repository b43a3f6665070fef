import { randomBytes } from 'node:crypto';
import { TOPICS } from '../../libs/shared/src/contracts/topics';
import { isValidLicenceId } from '../../libs/shared/src/identifiers';
import { EventCollector } from '../../libs/shared/src/testing/event-collector';
import { immediateLicenceItem } from '../../libs/shared/src/testing/catalog-items';
import { testEnv, testToken } from '../../libs/shared/src/testing/test-env';
import { waitFor } from '../../libs/shared/src/testing/wait-for';
import { testWorkCalendar } from '../../libs/shared/src/testing/work-calendar.fixture';
import { shanghaiDate } from '../../libs/shared/src/time/shanghai';
import { http, HttpResult } from '../support/http';
import { companyUscc } from '../support/identities';
import { Platform, startPlatform } from '../support/platform';

/**
 * The case life of 最多跑一次 (issue 8), each rule walked through the gateway with the six processes running
 * on real Kafka/PostgreSQL/Redis: 一次性告知 and 补正 then 受理 then licence; 容缺受理 (the last approval step
 * waits for the owed material); 告知承诺 decided on the spot, then a failed 事后核查 that revokes the licence;
 * 即办件 at the window (受理即办结, timed); 窗口无否决权 (a clerk's refusal overturned by the chief); 撤回
 * (approval stops); and bad input on every endpoint used, refused with a stable code and writing nothing.
 *
 * No seeded 容缺 or 即办件 item yields a licence (发票领用 and the 税务登记 即办件 do not), so the admin
 * publishes one of each through the gateway first (the catalog drives the rules).
 */
const SCJG = '113301000024901620'; // 杭州市市场监督管理局
const SCJG_NAME = '杭州市市场监督管理局';
const GA = '11330100002491026R'; // 杭州市公安局: another department

/** 特种设备使用登记 (承诺件, 5 working days) with a non-key 容缺 material (监督检验证明, 5 working days). */
const DEFERRAL_ITEM = {
  taskCode: `${SCJG}000101901000001`,
  catalogCode: '000101901000',
  name: '特种设备使用登记（容缺受理）',
  taskType: '01',
  deptCode: SCJG,
  deptName: SCJG_NAME,
  legalLimit: { value: 15, unit: '1' },
  promiseLimit: { value: 5, unit: '1' },
  projectType: '2',
  visitCount: 0,
  serverTypes: ['2', '5'],
  materials: [
    {
      code: 'M01',
      name: '特种设备使用登记表',
      required: true,
      format: '电子',
      source: '申请人自备',
      key: true,
    },
    { code: 'M02', name: '产品合格证', required: true, format: '电子', source: '申请人自备', key: true },
    {
      code: 'M03',
      name: '监督检验证明',
      required: true,
      format: '电子',
      source: '申请人自备',
      key: false,
      deferrable: true,
      deferDays: 5,
    },
  ],
  formFields: [
    { key: 'equipmentType', label: '设备类别', required: true, onLicence: true },
    { key: 'location', label: '使用地点', required: true, onLicence: true },
  ],
  yieldsLicence: true,
  licenceTypeCode: '111000000000135652004',
  licenceTypeName: '特种设备使用登记证',
  legalBasis: '《中华人民共和国特种设备安全法》第三十三条',
  onlineDepth: '4',
};

const IMMEDIATE_ITEM = immediateLicenceItem(SCJG, SCJG_NAME);

interface CatalogItem {
  taskCode: string;
  name: string;
  deptCode: string;
  projectType: string;
  materials: Array<{ code: string; name: string; required: boolean }>;
  formFields: Array<{ key: string; required: boolean }>;
  rules?: { deferrableMaterials: string[]; commitmentAllowed: boolean; postCheckDays: number | null };
}

describe('the case life of 最多跑一次 through the gateway (6 processes, real Kafka/PostgreSQL/Redis)', () => {
  const env = testEnv();
  const cal = testWorkCalendar();
  const run = randomBytes(3).toString('hex');
  const region = String(100000 + Math.floor(Math.random() * 900000));
  let platform: Platform | undefined;
  const collector = new EventCollector(env.kafkaBrokers, Object.values(TOPICS));
  let gw = '';

  const applicant = testToken({ sub: `citizen-cl-${run}`, roles: ['applicant'], name: '张三' });
  const otherApplicant = testToken({ sub: `citizen-cl-other-${run}`, roles: ['applicant'], name: '李四' });
  const clerk = testToken({ sub: `clerk-cl-${run}`, roles: ['clerk'], name: '窗口王五', dept: SCJG });
  const chief = testToken({ sub: `chief-cl-${run}`, roles: ['chief'], name: '首席代表周九', dept: SCJG });
  const foreignChief = testToken({ sub: `chief-ga-${run}`, roles: ['chief'], name: '公安值班长', dept: GA });
  const approvers = [
    testToken({ sub: `approver-1-${run}`, roles: ['approver'], name: '承办赵六', dept: SCJG }),
    testToken({ sub: `approver-2-${run}`, roles: ['approver'], name: '审核钱七', dept: SCJG }),
    testToken({ sub: `approver-3-${run}`, roles: ['approver'], name: '批准孙八', dept: SCJG }),
  ];
  const partner = testToken({ sub: `partner-cl-${run}`, roles: ['partner'], name: '银行开户核验' });
  const admin = testToken({ sub: `admin-cl-${run}`, roles: ['admin'], name: '管理员' });

  const items = {} as Record<'food' | 'setup' | 'deferral' | 'immediate', CatalogItem>;
  /** A licence issued in walk 1, read again by the bad-input walk. */
  let firstLicenceId = '';

  const api = (method: string, path: string, token?: string, body?: unknown): Promise<HttpResult> =>
    http(method, `${gw}/api/v1${path}`, { token, body });

  /** One domain event of the case (key = 办件编号), as the independent collector saw it. */
  const ev = (topic: string, caseNo: string) =>
    collector.waitForMessage(topic, (m) => m.key === caseNo, 60_000);
  /** The licence this platform's certificate service issued for the case (signed with its own key). */
  const licenceIssued = (caseNo: string) =>
    collector.waitForMessage(
      TOPICS.LICENCE_ISSUED,
      (m) => {
        const v = m.value as { caseNo?: string; kid?: string };
        return v.caseNo === caseNo && v.kid === platform!.signingKeyId;
      },
      60_000,
    );

  /** Follows the case with the long poll (`waitVersion`) until `done` holds; no blind sleep. */
  async function followCase(
    caseNo: string,
    done: (c: Record<string, any>) => boolean,
    token = applicant,
    timeoutMs = 60_000,
  ): Promise<Record<string, any>> {
    const deadline = Date.now() + timeoutMs;
    let r = await api('GET', `/applications/${caseNo}`, token);
    for (;;) {
      expect(r.status).toBe(200);
      if (done(r.body)) return r.body;
      if (Date.now() > deadline) {
        throw new Error(
          `case ${caseNo} still ${r.body.status} (version ${r.body.version}) after ${timeoutMs} ms`,
        );
      }
      r = await api('GET', `/applications/${caseNo}?waitVersion=${r.body.version}&waitSeconds=20`, token);
    }
  }

  const timelineOf = async (caseNo: string): Promise<Array<{ action: string; detail?: any }>> => {
    const r = await api('GET', `/applications/${caseNo}/timeline`, admin);
    expect(r.status).toBe(200);
    return r.body.entries;
  };

  /** What a refused request must not change: the case's status, version and timeline. */
  const footprint = async (caseNo: string) => {
    const c = await api('GET', `/applications/${caseNo}`, admin);
    expect(c.status).toBe(200);
    return { status: c.body.status, version: c.body.version, timeline: (await timelineOf(caseNo)).length };
  };

  const approvalOf = async (caseNo: string) => {
    const r = await api('GET', `/approvals/${caseNo}`, approvers[0]);
    expect(r.status).toBe(200);
    return r.body;
  };

  const decide = (caseNo: string, stepNo: number, opinion: string) =>
    api('POST', `/approvals/${caseNo}/decision`, approvers[stepNo - 1], {
      stepNo,
      decision: 'approve',
      opinion,
    });

  const files = (codes: string[]) => codes.map((code) => ({ code, fileName: `${code}.pdf` }));
  const company = (name: string) => ({
    userProp: '2',
    name,
    certType: '001',
    certNo: companyUscc(),
    phone: '13800138000',
  });
  const foodApplication = (codes: string[], submitChannel = '1') => ({
    itemCode: items.food.taskCode,
    applicant: company('杭州某某餐饮管理有限公司'),
    formData: {
      premises: '杭州市西湖区文三路 100 号',
      businessScope: '热食类食品制售',
      legalRepresentative: '张三',
    },
    materials: files(codes),
    submitChannel,
  });
  const submit = async (body: unknown) => {
    const r = await api('POST', '/applications', applicant, body);
    expect(r.status).toBe(201);
    return r.body as { caseNo: string; status: string; version: number; acceptance: any };
  };

  /** The licence as staff read it (with a purpose) and as anyone verifies its QR token. */
  async function readAndVerify(licenceId: string, verifyUrl: string) {
    const purpose = encodeURIComponent('开户核验');
    const info = await api('GET', `/licences/${licenceId}?purpose=${purpose}`, partner);
    expect(info.status).toBe(200);
    expect(verifyUrl.startsWith(`${gw}/api/v1/verify/`)).toBe(true);
    const verified = await http('GET', verifyUrl);
    expect(verified.status).toBe(200);
    return { info: info.body, verified: verified.body };
  }

  async function publishItem(body: typeof DEFERRAL_ITEM | typeof IMMEDIATE_ITEM): Promise<CatalogItem> {
    const created = await api('POST', '/items', admin, body);
    expect([created.status, created.body.status, created.body.version]).toEqual([201, '0', 1]);
    const published = await api('POST', `/items/${body.taskCode}/publish`, admin);
    expect([published.status, published.body.status]).toEqual([200, '2']);
    const pub = await api('GET', `/items/${body.taskCode}`);
    expect(pub.status).toBe(200);
    return pub.body;
  }

  beforeAll(async () => {
    [platform] = await Promise.all([
      // Long polls and waitFor loops of one subject would brush the default 600 requests a minute.
      startPlatform(run, { region, gatewayEnv: { RATE_LIMIT_PER_MINUTE: '100000' } }),
      collector.start(),
    ]);
    gw = platform.gw;
    const catalog = await api('GET', '/items?pageSize=100');
    expect(catalog.status).toBe(200);
    const byName = (name: string) => (catalog.body.items as CatalogItem[]).find((i) => i.name === name)!;
    // The seeded 容缺 item (发票领用) yields no licence: hence the admin-published one below.
    expect(byName('发票领用（首次申领）').rules?.deferrableMaterials).toEqual(['M03']);
    items.food = byName('食品经营许可');
    items.setup = byName('企业设立登记');
    expect([items.food, items.setup].every(Boolean)).toBe(true);
    items.deferral = await publishItem(DEFERRAL_ITEM);
    items.immediate = await publishItem(IMMEDIATE_ITEM);
  });

  afterAll(async () => {
    await collector.stop();
    await platform?.stop();
  });

  it('一次性告知 → 补正 with the clock paused → 受理 → 3 approval steps → licence that verifies', async () => {
    // At the window (申报方式 0) the application is received with M03 and M04 missing.
    const submitted = await submit(foodApplication(['M01', 'M02'], '0'));
    const caseNo = submitted.caseNo;
    expect(submitted.status).toBe('SUBMITTED');
    await ev(TOPICS.APPLICATION_SUBMITTED, caseNo);

    // ONE notice names every missing or defective material, each with its reason.
    const named = [
      { code: 'M02', reason: '营业执照复印件不清晰，请提交清晰的电子件' },
      { code: 'M03', reason: '未提交设备设施布局和操作流程文件' },
      { code: 'M04', reason: '未提交食品安全自查和从业人员健康管理制度' },
    ];
    const noticed = await api('POST', `/applications/${caseNo}/supplement-notice`, clerk, {
      materials: named,
      remark: '请一次性补齐以下材料',
    });
    expect(noticed.status).toBe(200);
    const noticeNo = `BZ${caseNo}-1`;
    const issuedAt = new Date(noticed.body.supplementNotices[0].issuedAt);
    expect(noticed.body).toMatchObject({
      status: 'SUPPLEMENT_REQUIRED',
      proStatus: '1',
      acceptance: null,
      supplementNotices: [
        {
          noticeNo,
          seq: 1,
          materials: named.map((m) => ({ ...m, name: expect.any(String) })),
          issuedBy: '窗口王五',
          dueDate: cal.dueDate(issuedAt, 10, '1').dueDate,
          suppliedAt: null,
        },
      ],
      // The clock is stopped: one open pause for this notice.
      pauses: [{ reason: 'SUPPLEMENT', noticeNo, endedAt: null, workingDays: null }],
    });
    const requested = await ev(TOPICS.APPLICATION_SUPPLEMENT_REQUESTED, caseNo);
    expect(requested.value).toMatchObject({
      caseNo,
      noticeNo,
      seq: 1,
      materials: named.map((m) => ({ code: m.code, reason: m.reason, name: expect.any(String) })),
      requestedBy: '窗口王五',
      dueDate: cal.dueDate(issuedAt, 10, '1').dueDate,
    });
    // Nobody accepts a case waiting for its supplement.
    const early = await api('POST', `/applications/${caseNo}/accept`, clerk, {});
    expect([early.status, early.body.code]).toEqual([409, 'INVALID_STATE']);

    // The notice (一次性告知书) downloads as a PDF, for the applicant as for the clerk.
    for (const token of [applicant, clerk]) {
      const pdf = await api('GET', `/applications/${caseNo}/supplement-notices/${noticeNo}/pdf`, token);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toContain('application/pdf');
      expect(pdf.headers.get('content-disposition')).toContain(`${noticeNo}.pdf`);
      expect(pdf.raw.subarray(0, 4).toString('latin1')).toBe('%PDF');
    }
    const foreignPdf = await api(
      'GET',
      `/applications/${caseNo}/supplement-notices/${noticeNo}/pdf`,
      otherApplicant,
    );
    expect(foreignPdf.status).toBe(404);

    // Everything at once: a partial supplement is refused with what is still missing, nothing written.
    const before = await footprint(caseNo);
    const partial = await api('POST', `/applications/${caseNo}/supplement`, applicant, {
      materials: files(['M03']),
    });
    expect([partial.status, partial.body.code]).toEqual([422, 'SUPPLEMENT_INCOMPLETE']);
    expect(partial.body.details.missing.map((m: { code: string }) => m.code)).toEqual(['M02', 'M04']);
    expect(await footprint(caseNo)).toEqual(before);

    const supplied = await api('POST', `/applications/${caseNo}/supplement`, applicant, {
      materials: files(['M02', 'M03', 'M04']),
    });
    expect(supplied.status).toBe(200);
    expect(supplied.body).toMatchObject({
      status: 'SUBMITTED',
      supplementNotices: [
        { noticeNo, suppliedAt: expect.any(String), suppliedMaterials: ['M02', 'M03', 'M04'] },
      ],
      pauses: [
        { reason: 'SUPPLEMENT', noticeNo, endedAt: expect.any(String), workingDays: expect.any(Number) },
      ],
    });
    expect(supplied.body.materials.map((m: { code: string }) => m.code).sort()).toEqual([
      'M01',
      'M02',
      'M03',
      'M04',
    ]);
    const pause = supplied.body.pauses[0];
    expect(new Date(pause.endedAt).getTime()).toBeGreaterThanOrEqual(new Date(pause.startedAt).getTime());
    const suppliedEv = await ev(TOPICS.APPLICATION_SUPPLEMENTED, caseNo);
    expect(suppliedEv.value).toMatchObject({
      caseNo,
      noticeNo,
      materials: ['M02', 'M03', 'M04'],
      pausedWorkingDays: pause.workingDays,
      totalPausedDays: supplied.body.pausedDays,
    });

    // 受理: the promise (5 working days) counts from 受理.
    const accepted = await api('POST', `/applications/${caseNo}/accept`, clerk, {
      remark: '补正后材料齐全，予以受理',
    });
    expect(accepted.status).toBe(200);
    const acceptedAt = new Date(accepted.body.acceptance.acceptedAt);
    expect(accepted.body).toMatchObject({
      status: 'ACCEPTED',
      acceptance: { acceptDocNo: expect.any(String), promiseDate: cal.dueDate(acceptedAt, 5, '1').dueDate },
    });
    expect((await ev(TOPICS.APPLICATION_ACCEPTED, caseNo)).value).toMatchObject({ caseNo, promiseLimit: 5 });
    await ev(TOPICS.APPROVAL_CASE_OPENED, caseNo);
    for (const [i, opinion] of ['承办：补正材料符合要求', '审核：同意', '批准：准予许可'].entries()) {
      const d = await decide(caseNo, i + 1, opinion);
      expect(d.status).toBe(200);
    }
    expect((await ev(TOPICS.APPROVAL_CASE_APPROVED, caseNo)).value).toMatchObject({
      caseNo,
      licence: { typeName: '食品经营许可证' },
    });

    const issued = await licenceIssued(caseNo);
    const { licenceId, verifyUrl } = issued.value as { licenceId: string; verifyUrl: string };
    expect(isValidLicenceId(licenceId)).toBe(true);
    const done = await followCase(caseNo, (c) => c.status === 'DONE');
    expect(done).toMatchObject({ licenceId, proStatus: '3', done: { doneResult: '0' } });
    expect((await ev(TOPICS.CASE_COMPLETED, caseNo)).value).toMatchObject({ doneResult: '0', licenceId });
    const { info, verified } = await readAndVerify(licenceId, verifyUrl);
    expect(info).toMatchObject({ licenceId, status: 'ISSUED', caseNo, revokedAt: null });
    expect(verified).toMatchObject({ valid: true, licence: { licenceId, status: 'ISSUED' } });
    firstLicenceId = licenceId;

    const actions = (await timelineOf(caseNo)).map((e) => e.action);
    expect(actions.slice(0, 4)).toEqual(['SUBMITTED', 'SUPPLEMENT_REQUESTED', 'SUPPLEMENTED', 'ACCEPTED']);
    expect(actions).toEqual(expect.arrayContaining(['APPROVED', 'LICENCE_ISSUED', 'DONE']));
  });

  it('容缺受理: accepted with an owed material, the last step waits for it (409), then the licence', async () => {
    expect(items.deferral.rules?.deferrableMaterials).toEqual(['M03']);
    const submitted = await submit({
      itemCode: items.deferral.taskCode,
      applicant: company('杭州某某电梯工程有限公司'),
      formData: { equipmentType: '曳引驱动乘客电梯', location: '杭州市滨江区网商路 699 号 1 号楼' },
      materials: files(['M01', 'M02']),
      submitChannel: '0',
    });
    const caseNo = submitted.caseNo;

    const accepted = await api('POST', `/applications/${caseNo}/accept`, clerk, {
      remark: '核心材料齐全，监督检验证明容缺受理',
      owedMaterials: ['M03'],
    });
    expect(accepted.status).toBe(200);
    const acceptedAt = new Date(accepted.body.acceptance.acceptedAt);
    const owedDue = cal.dueDate(acceptedAt, 5, '1').dueDate;
    const detail = await api('GET', `/applications/${caseNo}`, applicant);
    expect(detail.body.owedMaterials).toEqual([
      expect.objectContaining({
        code: 'M03',
        name: '监督检验证明',
        dueDate: owedDue,
        state: 'OWED',
        suppliedAt: null,
      }),
    ]);
    expect((await ev(TOPICS.APPLICATION_ACCEPTED, caseNo)).value).toMatchObject({
      owedMaterials: [{ code: 'M03', dueDate: owedDue }],
      licence: { typeName: '特种设备使用登记证' },
    });
    await ev(TOPICS.APPROVAL_CASE_OPENED, caseNo);
    expect((await approvalOf(caseNo)).owedMaterials).toEqual([
      expect.objectContaining({ code: 'M03', dueDate: owedDue, suppliedAt: null }),
    ]);

    // Approval runs in parallel: 承办 and 审核 go ahead; 批准 decides, so it waits for the owed material.
    expect((await decide(caseNo, 1, '承办：核心材料齐全')).status).toBe(200);
    expect((await decide(caseNo, 2, '审核：同意')).status).toBe(200);
    const auditBefore = (await approvalOf(caseNo)).audit.length;
    const blocked = await decide(caseNo, 3, '批准：准予登记');
    expect([blocked.status, blocked.body.code]).toEqual([409, 'OWED_MATERIALS_OUTSTANDING']);
    expect(blocked.body.details.outstanding).toEqual([
      expect.objectContaining({ code: 'M03', dueDate: owedDue }),
    ]);
    const still = await approvalOf(caseNo);
    expect([still.status, still.currentStep, still.audit.length]).toEqual(['OPEN', 3, auditBefore]);

    // The applicant brings it; approval hears of it over Kafka.
    const supplied = await api('POST', `/applications/${caseNo}/owed-materials`, applicant, {
      materials: files(['M03']),
    });
    expect(supplied.status).toBe(200);
    expect(supplied.body.owedMaterials).toEqual([
      expect.objectContaining({
        code: 'M03',
        state: 'SUPPLIED',
        suppliedAt: expect.any(String),
        fileName: 'M03.pdf',
      }),
    ]);
    expect((await ev(TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED, caseNo)).value).toMatchObject({
      caseNo,
      materials: ['M03'],
      outstanding: [],
    });
    await waitFor(async () => ((await approvalOf(caseNo)).owedMaterials[0]?.suppliedAt ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 250,
      description: 'approval to record the owed material',
    });

    const last = await decide(caseNo, 3, '批准：准予登记');
    expect([last.status, last.body.status]).toEqual([200, 'APPROVED']);
    const issued = await licenceIssued(caseNo);
    const { licenceId, verifyUrl } = issued.value as { licenceId: string; verifyUrl: string };
    const done = await followCase(caseNo, (c) => c.status === 'DONE');
    expect(done).toMatchObject({ licenceId, done: { doneResult: '0' } });
    const { verified } = await readAndVerify(licenceId, verifyUrl);
    expect(verified).toMatchObject({ valid: true, licence: { licenceId, typeName: '特种设备使用登记证' } });
    const actions = (await timelineOf(caseNo)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'ACCEPTED',
        'OWED_MATERIALS_RECORDED',
        'OWED_MATERIALS_SUPPLIED',
        'LICENCE_ISSUED',
        'DONE',
      ]),
    );
  });

  it('告知承诺: decided on the spot, licence issued; a failed 事后核查 revokes it and keeps the commitment', async () => {
    expect(items.setup.rules).toMatchObject({ commitmentAllowed: true, postCheckDays: 20 });
    const statement = '本公司承诺所申报的住所真实、合法、有效，如有不实，愿承担相应法律责任并接受撤销登记。';
    const submitted = await submit({
      itemCode: items.setup.taskCode,
      applicant: company('杭州某某科技有限公司'),
      formData: {
        companyName: '杭州某某科技有限公司',
        registeredCapital: '100 万元',
        premises: '杭州市余杭区文一西路 998 号',
        businessScope: '软件开发',
      },
      materials: files(['M01', 'M02', 'M03']),
      commitment: {
        statement,
        signerName: '张三',
        signedAt: new Date(Date.now() - 60_000).toISOString(),
        materials: ['M04'],
      },
    });
    const caseNo = submitted.caseNo;
    // Accepted on the spot by the system, on the signed commitment.
    expect(submitted.status).toBe('ACCEPTED');
    const acceptedAt = new Date(submitted.acceptance.acceptedAt);
    const postCheckDue = cal.dueDate(acceptedAt, 20, '1').dueDate;
    expect((await ev(TOPICS.APPLICATION_ACCEPTED, caseNo)).value).toMatchObject({
      commitment: { commitmentNo: `CN${caseNo}`, materials: ['M04'], postCheckDueDate: postCheckDue },
    });
    // Approval decides at once (no manual step), certificate issues the 营业执照.
    const approved = await ev(TOPICS.APPROVAL_CASE_APPROVED, caseNo);
    expect(approved.value).toMatchObject({ caseNo, opinion: expect.stringContaining('告知承诺') });
    const issued = await licenceIssued(caseNo);
    const { licenceId, verifyUrl } = issued.value as { licenceId: string; verifyUrl: string };
    const done = await followCase(caseNo, (c) => c.status === 'DONE' && c.licenceId === licenceId);
    expect(done).toMatchObject({
      done: { doneResult: '0' },
      commitment: { commitmentNo: `CN${caseNo}`, statement, materials: [{ code: 'M04' }] },
      postCheck: { postCheckNo: `HC${caseNo}`, status: 'PENDING', dueDate: postCheckDue, deptCode: SCJG },
      resultRevocation: null,
    });
    expect((await readAndVerify(licenceId, verifyUrl)).verified).toMatchObject({ valid: true });

    // The department's 事后核查 work list holds it.
    const list = await api('GET', '/applications/post-checks?status=PENDING&pageSize=100', clerk);
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { caseNo: string }) => p.caseNo)).toContain(caseNo);

    const reason = '现场核查：承诺住所不存在，承诺不实';
    const failed = await api('POST', `/applications/${caseNo}/post-check`, chief, {
      result: 'FAILED',
      reason,
    });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({
      postCheckNo: `HC${caseNo}`,
      status: 'FAILED',
      reason,
      checkedBy: '首席代表周九',
    });
    expect((await ev(TOPICS.CASE_POST_CHECK_FAILED, caseNo)).value).toMatchObject({
      caseNo,
      postCheckNo: `HC${caseNo}`,
      commitmentNo: `CN${caseNo}`,
      licenceId,
      reason,
    });

    // Certificate revokes the licence: the record shows it, the QR verification says so.
    const revoked = await waitFor(
      async () => {
        const r = await api(
          'GET',
          `/licences/${licenceId}?purpose=${encodeURIComponent('核查撤销')}`,
          partner,
        );
        return r.body.status === 'REVOKED' ? r.body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, description: 'the licence to be revoked' },
    );
    expect(revoked).toMatchObject({ licenceId, revokedAt: expect.any(String) });
    expect(revoked.revocationReason).toContain(reason);
    const verified = await http('GET', verifyUrl);
    expect(verified.body).toMatchObject({
      valid: false,
      reason: 'REVOKED',
      licence: { licenceId, status: 'REVOKED' },
    });

    // The case records the revocation and keeps the applicant's commitment.
    const after = await followCase(caseNo, (c) => c.resultRevocation !== null);
    expect(after).toMatchObject({
      resultRevocation: { reason, revokedAt: expect.any(String) },
      commitment: { commitmentNo: `CN${caseNo}`, statement, signerName: '张三' },
      postCheck: { status: 'FAILED', reason },
    });
    const actions = (await timelineOf(caseNo)).map((e) => e.action);
    expect(actions.slice(0, 4)).toEqual(['SUBMITTED', 'ACCEPTED', 'COMMITMENT_SIGNED', 'POST_CHECK_CREATED']);
    expect(actions.slice(-2)).toEqual(['POST_CHECK_FAILED', 'RESULT_REVOKED']);
    const twice = await api('POST', `/applications/${caseNo}/post-check`, chief, { result: 'PASSED' });
    expect([twice.status, twice.body.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('即办件 at the window: 受理即办结, the licence verifiable seconds after 受理', async () => {
    expect(items.immediate.projectType).toBe('1');
    const submitted = await submit({
      itemCode: items.immediate.taskCode,
      applicant: {
        userProp: '1',
        name: '王小二',
        certType: '111',
        certNo: '11010519491231002X',
        phone: '13912345678',
      },
      formData: { tradeName: '王小二早餐店', premises: '杭州市拱墅区湖墅南路 1 号' },
      materials: files(['M01', 'M02']),
      submitChannel: '0',
    });
    const caseNo = submitted.caseNo;
    // At the window the clerk accepts it (online it would be accepted by rule).
    expect([submitted.status, submitted.acceptance]).toEqual(['SUBMITTED', null]);

    const t0 = Date.now();
    const accepted = await api('POST', `/applications/${caseNo}/accept`, clerk, { remark: '当场受理' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.acceptance).toMatchObject({
      promiseDate: shanghaiDate(new Date(accepted.body.acceptance.acceptedAt)),
    });
    const issued = await licenceIssued(caseNo);
    const licenceMs = Date.now() - t0;
    const { licenceId, verifyUrl } = issued.value as { licenceId: string; verifyUrl: string };
    const done = await followCase(caseNo, (c) => c.status === 'DONE');
    const doneMs = Date.now() - t0;
    expect(done).toMatchObject({ licenceId, done: { doneResult: '0' } });
    const { verified } = await readAndVerify(licenceId, verifyUrl);
    expect(verified).toMatchObject({ valid: true, licence: { licenceId, typeName: '营业执照' } });
    const verifiedMs = Date.now() - t0;

    // No manual step: approval closed it by itself.
    const approval = await approvalOf(caseNo);
    expect([approval.status, approval.steps]).toEqual(['APPROVED', []]);
    expect(approval.audit).toEqual(
      expect.arrayContaining([expect.objectContaining({ actor: '系统', opinion: '即办件，当场办结' })]),
    );
    expect(collector.find(TOPICS.APPROVAL_STEP_COMPLETED, (m) => m.key === caseNo)).toEqual([]);
    // One visit: the licence is there within seconds of 受理 (generous bound for a loaded CI machine).
    expect(licenceMs).toBeLessThan(30_000);
    console.log(
      `[e2e] 即办件 ${caseNo}: 受理 → licence issued ${licenceMs} ms, case DONE ${doneMs} ms, verified ${verifiedMs} ms`,
    );
  });

  it('窗口无否决权: a clerk’s 不予受理 is a proposal; the chief overturns it and the case is accepted', async () => {
    const caseNo = (await submit(foodApplication(['M01', 'M02', 'M03', 'M04']))).caseNo;
    const refusal = {
      reason: '经营场所不在本部门辖区',
      legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项',
    };
    const proposed = await api('POST', `/applications/${caseNo}/reject`, clerk, refusal);
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({
      status: 'REFUSAL_PROPOSED',
      proStatus: '1',
      done: null,
      refusalProposal: { ...refusal, proposedBy: '窗口王五' },
    });
    expect((await ev(TOPICS.APPLICATION_REFUSAL_PROPOSED, caseNo)).value).toMatchObject({
      caseNo,
      ...refusal,
      proposedBy: '窗口王五',
    });
    // Nothing is refused by the proposal itself.
    expect(collector.find(TOPICS.APPLICATION_NOT_ACCEPTED, (m) => m.key === caseNo)).toEqual([]);

    // Only a chief of the case's department decides.
    const before = await footprint(caseNo);
    const byClerk = await api('POST', `/applications/${caseNo}/refusal/overturn`, clerk, {
      opinion: '应予受理',
    });
    expect([byClerk.status, byClerk.body.code]).toEqual([403, 'FORBIDDEN']);
    const byForeign = await api('POST', `/applications/${caseNo}/refusal/overturn`, foreignChief, {
      opinion: '应予受理',
    });
    expect([byForeign.status, byForeign.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    expect(await footprint(caseNo)).toEqual(before);

    const opinion = '经核实，经营场所属本辖区，材料齐全，应予受理';
    const overturned = await api('POST', `/applications/${caseNo}/refusal/overturn`, chief, { opinion });
    expect(overturned.status).toBe(200);
    const acceptedAt = new Date(overturned.body.acceptance.acceptedAt);
    expect(overturned.body).toMatchObject({
      status: 'ACCEPTED',
      proStatus: '2',
      acceptance: { acceptDocNo: expect.any(String), promiseDate: cal.dueDate(acceptedAt, 5, '1').dueDate },
    });
    expect((await ev(TOPICS.APPLICATION_ACCEPTED, caseNo)).value).toMatchObject({ caseNo, promiseLimit: 5 });
    await ev(TOPICS.APPROVAL_CASE_OPENED, caseNo);
    await followCase(caseNo, (c) => c.status === 'IN_APPROVAL');
    const actions = (await timelineOf(caseNo)).map((e) => e.action);
    expect(actions.slice(0, 4)).toEqual(['SUBMITTED', 'REFUSAL_PROPOSED', 'REFUSAL_OVERTURNED', 'ACCEPTED']);
    const confirmLate = await api('POST', `/applications/${caseNo}/refusal/confirm`, chief, {});
    expect([confirmLate.status, confirmLate.body.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('撤回 before the decision: 作废办结 (2), approval stops (WITHDRAWN), no licence', async () => {
    const caseNo = (await submit(foodApplication(['M01', 'M02', 'M03', 'M04']))).caseNo;
    expect((await api('POST', `/applications/${caseNo}/accept`, clerk, {})).status).toBe(200);
    await ev(TOPICS.APPROVAL_CASE_OPENED, caseNo);
    await followCase(caseNo, (c) => c.status === 'IN_APPROVAL');
    expect((await decide(caseNo, 1, '承办：材料符合要求')).status).toBe(200);

    const foreign = await api('POST', `/applications/${caseNo}/withdraw`, otherApplicant, {
      reason: '不办了',
    });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'CASE_NOT_FOUND']);
    const reason = '经营计划调整，申请撤回';
    const withdrawn = await api('POST', `/applications/${caseNo}/withdraw`, applicant, { reason });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      status: 'DONE',
      proStatus: '3',
      done: { doneResult: '2' },
      licenceId: null,
    });
    expect((await ev(TOPICS.APPLICATION_WITHDRAWN, caseNo)).value).toMatchObject({
      caseNo,
      previousStatus: 'IN_APPROVAL',
      reason,
    });
    expect((await ev(TOPICS.CASE_COMPLETED, caseNo)).value).toMatchObject({ caseNo, doneResult: '2' });

    // Approval stops through the event: the case is WITHDRAWN, its remaining steps cancelled.
    const stopped = await waitFor(
      async () => {
        const a = await approvalOf(caseNo);
        return a.status === 'WITHDRAWN' ? a : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250, description: 'approval to stop' },
    );
    expect(stopped.steps.map((s: { state: string }) => s.state)).toEqual(['DONE', 'CANCELLED', 'CANCELLED']);
    expect(stopped.currentStep).toBeNull();
    const late = await decide(caseNo, 2, '审核：同意');
    expect([late.status, late.body.code]).toEqual([409, 'INVALID_STATE']);
    const again = await api('POST', `/applications/${caseNo}/withdraw`, applicant, {});
    expect([again.status, again.body.code]).toEqual([409, 'INVALID_STATE']);
    expect(collector.find(TOPICS.APPROVAL_CASE_APPROVED, (m) => m.key === caseNo)).toEqual([]);
    expect(
      collector.find(TOPICS.LICENCE_ISSUED, (m) => (m.value as { caseNo?: string }).caseNo === caseNo),
    ).toEqual([]);
    const actions = (await timelineOf(caseNo)).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['WITHDRAWN', 'DONE']);
  });

  it('refuses bad input on every endpoint of the walks with a 4xx and a stable code, writing nothing', async () => {
    // A window case with M03 and M04 missing, a complete one (both SUBMITTED), and one in approval.
    const caseNo = (await submit(foodApplication(['M01', 'M02'], '0'))).caseNo;
    const complete = (await submit(foodApplication(['M01', 'M02', 'M03', 'M04']))).caseNo;
    const inApproval = (await submit(foodApplication(['M01', 'M02', 'M03', 'M04']))).caseNo;
    expect((await api('POST', `/applications/${inApproval}/accept`, clerk, {})).status).toBe(200);
    await followCase(inApproval, (c) => c.status === 'IN_APPROVAL');

    // Reads of a licence by staff are logged (用证记录); public verifications are flushed in batches, left out.
    const staffReads = async () =>
      firstLicenceId
        ? (await api('GET', `/licences/${firstLicenceId}/usage`, admin)).body.entries.filter(
            (e: { action: string }) => !e.action.startsWith('VERIFY'),
          ).length
        : 0;
    const totalCases = async () => (await api('GET', '/applications?pageSize=1', admin)).body.total as number;
    const catalogVersions = async () =>
      (await api('GET', '/catalog/items?pageSize=1', admin)).body.total as number;
    const before = {
      cases: await totalCases(),
      catalog: await catalogVersions(),
      submitted: await footprint(caseNo),
      complete: await footprint(complete),
      inApproval: await footprint(inApproval),
      approvalAudit: (await approvalOf(inApproval)).audit.length,
      usage: await staffReads(),
    };
    const long = 'x'.repeat(501);
    const c = `/applications/${caseNo}`;
    const checks: Array<[string, string, string, unknown, number, string]> = [
      // [what, method + path, token, body, status, code]
      [
        'submit: materials not a list',
        'POST /applications',
        applicant,
        { ...foodApplication(['M01']), materials: 'all' },
        400,
        'VALIDATION_FAILED',
      ],
      // (online with materials missing is received with a 预审 notice; with a commitment it is still refused)
      [
        'submit: online with a commitment and materials missing',
        'POST /applications',
        applicant,
        {
          ...foodApplication(['M01']),
          commitment: {
            statement: '本公司承诺营业执照真实有效，如有不实愿承担责任。',
            signerName: '张三',
            signedAt: new Date(Date.now() - 60_000).toISOString(),
            materials: ['M02'],
          },
        },
        422,
        'MATERIALS_INCOMPLETE',
      ],
      [
        'submit: a commitment the item does not allow',
        'POST /applications',
        applicant,
        {
          ...foodApplication(['M01', 'M03', 'M04']),
          commitment: {
            statement: '本公司承诺营业执照真实有效，如有不实愿承担责任。',
            signerName: '张三',
            signedAt: new Date(Date.now() - 60_000).toISOString(),
            materials: ['M02'],
          },
        },
        422,
        'COMMITMENT_NOT_ALLOWED',
      ],
      [
        'item: a 即办件 promising 5 days',
        'POST /items',
        admin,
        {
          ...IMMEDIATE_ITEM,
          taskCode: `${SCJG}000107903000001`,
          catalogCode: '000107903000',
          promiseLimit: { value: 5, unit: '1' },
        },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'notice: no material',
        `POST ${c}/supplement-notice`,
        clerk,
        { materials: [] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'notice: a reason too short',
        `POST ${c}/supplement-notice`,
        clerk,
        { materials: [{ code: 'M03', reason: 'x' }] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'notice: a material twice',
        `POST ${c}/supplement-notice`,
        clerk,
        {
          materials: [
            { code: 'M03', reason: '未提交' },
            { code: 'M03', reason: '未提交' },
          ],
        },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'notice: a material the item does not have',
        `POST ${c}/supplement-notice`,
        clerk,
        { materials: [{ code: 'M09', reason: '未提交' }] },
        422,
        'UNKNOWN_MATERIAL',
      ],
      [
        'notice: by the applicant',
        `POST ${c}/supplement-notice`,
        applicant,
        { materials: [{ code: 'M03', reason: '未提交' }] },
        403,
        'FORBIDDEN',
      ],
      [
        'notice pdf: no such notice',
        `GET ${c}/supplement-notices/BZ${caseNo}-9/pdf`,
        applicant,
        undefined,
        404,
        'SUPPLEMENT_NOTICE_NOT_FOUND',
      ],
      [
        'supplement: no material',
        `POST ${c}/supplement`,
        applicant,
        { materials: [] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'supplement: no notice open',
        `POST ${c}/supplement`,
        applicant,
        { materials: files(['M03', 'M04']) },
        409,
        'INVALID_STATE',
      ],
      [
        'accept: owedMaterials not a list',
        `POST ${c}/accept`,
        clerk,
        { owedMaterials: 'M03' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'accept: a window case with materials missing, before its 补正',
        `POST ${c}/accept`,
        clerk,
        { owedMaterials: ['M03'] },
        422,
        'MATERIALS_INCOMPLETE',
      ],
      [
        'accept: owing a material the item does not let be owed',
        `POST /applications/${complete}/accept`,
        clerk,
        { owedMaterials: ['M02'] },
        422,
        'MATERIAL_NOT_DEFERRABLE',
      ],
      [
        'accept: by another department',
        `POST ${c}/accept`,
        testToken({ sub: `clerk-ga-${run}`, roles: ['clerk'], dept: GA }),
        {},
        404,
        'CASE_NOT_FOUND',
      ],
      [
        'reject: no legal basis',
        `POST ${c}/reject`,
        clerk,
        { reason: '不属于本部门职权范围' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'reject: by the chief (the clerk proposes)',
        `POST ${c}/reject`,
        chief,
        { reason: '不属于本部门职权范围', legalBasis: '《行政许可法》第三十二条' },
        403,
        'FORBIDDEN',
      ],
      ['overturn: no opinion', `POST ${c}/refusal/overturn`, chief, {}, 400, 'VALIDATION_FAILED'],
      [
        'overturn: nothing proposed',
        `POST ${c}/refusal/overturn`,
        chief,
        { opinion: '应予受理' },
        409,
        'INVALID_STATE',
      ],
      [
        'withdraw: a reason too long',
        `POST ${c}/withdraw`,
        applicant,
        { reason: long },
        400,
        'VALIDATION_FAILED',
      ],
      ['withdraw: by the clerk', `POST ${c}/withdraw`, clerk, {}, 403, 'FORBIDDEN'],
      [
        'owed materials: no file name',
        `POST ${c}/owed-materials`,
        applicant,
        { materials: [{ code: 'M03' }] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'owed materials: nothing owed',
        `POST ${c}/owed-materials`,
        applicant,
        { materials: files(['M03']) },
        409,
        'INVALID_STATE',
      ],
      [
        'post-check: unknown result',
        `POST ${c}/post-check`,
        chief,
        { result: 'MAYBE' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'post-check: FAILED without a reason',
        `POST ${c}/post-check`,
        chief,
        { result: 'FAILED' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'post-check: no commitment on the case',
        `POST ${c}/post-check`,
        chief,
        { result: 'PASSED' },
        404,
        'POST_CHECK_NOT_FOUND',
      ],
      [
        'decision: unknown decision',
        `POST /approvals/${inApproval}/decision`,
        approvers[0],
        { stepNo: 1, decision: 'maybe', opinion: '同意' },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'decision: not the current step',
        `POST /approvals/${inApproval}/decision`,
        approvers[1],
        { stepNo: 2, decision: 'approve', opinion: '同意' },
        409,
        'STEP_MISMATCH',
      ],
      [
        'decision: by the clerk',
        `POST /approvals/${inApproval}/decision`,
        clerk,
        { stepNo: 1, decision: 'approve', opinion: '同意' },
        403,
        'FORBIDDEN',
      ],
      [
        'verify: a token outside the alphabet',
        'GET /verify/not%20a%20token',
        '',
        undefined,
        400,
        'VALIDATION_FAILED',
      ],
    ];
    if (firstLicenceId) {
      checks.push(
        [
          'licence: no purpose',
          `GET /licences/${firstLicenceId}`,
          partner,
          undefined,
          400,
          'VALIDATION_FAILED',
        ],
        [
          'licence: by the applicant',
          `GET /licences/${firstLicenceId}?purpose=x`,
          applicant,
          undefined,
          403,
          'FORBIDDEN',
        ],
      );
    }
    const answers: string[] = [];
    for (const [what, route, token, body] of checks) {
      const [method, path] = route.split(' ');
      const r = await api(method, path, token || undefined, body);
      // Collected first, compared at once: one failure shows every answer.
      answers.push(`${what}: ${r.status} ${r.body?.code} ${typeof r.body?.correlationId}`);
    }
    expect(answers).toEqual(checks.map(([what, , , , status, code]) => `${what}: ${status} ${code} string`));

    expect({
      cases: await totalCases(),
      catalog: await catalogVersions(),
      submitted: await footprint(caseNo),
      complete: await footprint(complete),
      inApproval: await footprint(inApproval),
      approvalAudit: (await approvalOf(inApproval)).audit.length,
      usage: await staffReads(),
    }).toEqual(before);
    // And no event of the refused requests on the broker.
    for (const topic of [
      TOPICS.APPLICATION_SUPPLEMENT_REQUESTED,
      TOPICS.APPLICATION_SUPPLEMENTED,
      TOPICS.APPLICATION_REFUSAL_PROPOSED,
      TOPICS.APPLICATION_WITHDRAWN,
      TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED,
      TOPICS.CASE_POST_CHECK_FAILED,
      TOPICS.APPROVAL_STEP_COMPLETED,
    ]) {
      expect(collector.find(topic, (m) => [caseNo, complete, inApproval].includes(m.key ?? ''))).toEqual([]);
    }
    expect(
      collector.find(TOPICS.APPLICATION_ACCEPTED, (m) => [caseNo, complete].includes(m.key ?? '')),
    ).toEqual([]);
  });
});
