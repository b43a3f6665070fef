import { randomBytes } from 'node:crypto';
import { Role } from '../../libs/shared/src/auth/principal';
import { TOPICS } from '../../libs/shared/src/contracts/topics';
import { EventCollector } from '../../libs/shared/src/testing/event-collector';
import { testEnv, testToken } from '../../libs/shared/src/testing/test-env';
import { shanghaiDate } from '../../libs/shared/src/time/shanghai';
import { http, HttpResult } from '../support/http';
import { companyUscc } from '../support/identities';
import { Platform, startPlatform } from '../support/platform';

/**
 * Approval as departments work (issue 9), walked through the gateway with the six processes on real
 * Kafka/PostgreSQL/Redis: 退回 then a 特别程序 whose pause intake's case clock follows (the promise date
 * intake shows is the one approval published on resumption); a 首席代表 one-act decision under an
 * authorisation the department head granted; a case decided by another department under a delegation the
 * department head granted. Each ends with a licence; refused requests write nothing.
 */
const SCJG = '113301000024901620'; // 杭州市市场监督管理局
const GA = '11330100002491026R'; // 杭州市公安局: the delegate department

describe('approval as departments work, through the gateway (6 processes, real Kafka/PostgreSQL/Redis)', () => {
  const env = testEnv();
  const run = randomBytes(3).toString('hex');
  const region = String(100000 + Math.floor(Math.random() * 900000));
  let platform: Platform | undefined;
  const collector = new EventCollector(env.kafkaBrokers, Object.values(TOPICS));
  let gw = '';
  let foodItem = '';

  const token = (role: Role, who: string, dept?: string) =>
    testToken({ sub: `${who}-${run}`, roles: [role], name: who, ...(dept ? { dept } : {}) });
  const applicant = token('applicant', 'citizen-al');
  const clerk = token('clerk', 'clerk-al', SCJG);
  const approvers = [1, 2, 3].map((i) => token('approver', `approver-al-${i}`, SCJG));
  const delegateApprovers = [1, 2, 3].map((i) => token('approver', `approver-ga-${i}`, GA));
  const chiefSub = `chief-al-${run}`;
  const chief = testToken({ sub: chiefSub, roles: ['chief'], name: '首席代表', dept: SCJG });
  const head = token('dept_head', 'head-al', SCJG);
  const foreignHead = token('dept_head', 'head-ga', GA);
  const admin = token('admin', 'admin-al');

  const api = (method: string, path: string, tok?: string, body?: unknown): Promise<HttpResult> =>
    http(method, `${gw}/api/v1${path}`, { token: tok, body });
  const ev = (topic: string, caseNo: string) =>
    collector.waitForMessage(topic, (m) => m.key === caseNo, 60_000);

  /** Follows the case with the long poll until `done` holds. */
  async function followCase(caseNo: string, done: (c: Record<string, any>) => boolean) {
    const deadline = Date.now() + 60_000;
    let r = await api('GET', `/applications/${caseNo}`, applicant);
    for (;;) {
      expect(r.status).toBe(200);
      if (done(r.body)) return r.body as Record<string, any>;
      if (Date.now() > deadline) throw new Error(`case ${caseNo} still ${r.body.status}`);
      r = await api('GET', `/applications/${caseNo}?waitVersion=${r.body.version}&waitSeconds=20`, applicant);
    }
  }

  /** A food licence case, accepted at the window, with its approval case open. */
  async function acceptedCase(): Promise<string> {
    const submitted = await api('POST', '/applications', applicant, {
      itemCode: foodItem,
      applicant: {
        userProp: '2',
        name: '杭州某某餐饮管理有限公司',
        certType: '001',
        certNo: companyUscc(),
        phone: '13800138000',
      },
      formData: {
        premises: '杭州市西湖区文三路 100 号',
        businessScope: '热食类食品制售',
        legalRepresentative: '张三',
      },
      materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, fileName: `${code}.pdf` })),
    });
    expect(submitted.status).toBe(201);
    const caseNo = submitted.body.caseNo as string;
    expect((await api('POST', `/applications/${caseNo}/accept`, clerk, { remark: '材料齐全' })).status).toBe(
      200,
    );
    await ev(TOPICS.APPROVAL_CASE_OPENED, caseNo);
    return caseNo;
  }

  const approval = async (caseNo: string, tok = approvers[0]) => {
    const r = await api('GET', `/approvals/${caseNo}`, tok);
    expect(r.status).toBe(200);
    return r.body as Record<string, any>;
  };
  const decide = (caseNo: string, stepNo: number, tok = approvers[stepNo - 1]) =>
    api('POST', `/approvals/${caseNo}/decision`, tok, { stepNo, decision: 'approve', opinion: '同意' });
  /** The case ends DONE with its licence (certificate issued it, intake completed the case). */
  const licensed = async (caseNo: string) => {
    const done = await followCase(caseNo, (c) => c.status === 'DONE');
    expect(done).toMatchObject({ licenceId: expect.any(String), done: { doneResult: '0' } });
    return done;
  };
  const validity = () => ({
    validFrom: new Date(Date.now() - 60_000).toISOString(),
    validTo: new Date(Date.now() + 86_400_000).toISOString(),
  });

  beforeAll(async () => {
    [platform] = await Promise.all([
      startPlatform(run, { region, gatewayEnv: { RATE_LIMIT_PER_MINUTE: '100000' } }),
      collector.start(),
    ]);
    gw = platform.gw;
    const catalog = await api('GET', '/items?pageSize=100');
    foodItem = (catalog.body.items as Array<{ name: string; taskCode: string }>).find(
      (i) => i.name === '食品经营许可',
    )!.taskCode;
  });

  afterAll(async () => {
    await collector.stop();
    await platform?.stop();
  });

  it('退回, then a 特别程序: the case is suspended, intake’s clock pauses and adopts approval’s promise date', async () => {
    const caseNo = await acceptedCase();
    expect((await decide(caseNo, 1)).status).toBe(200);
    // 退回 from 审核 to 承办 with a reason; the same 承办 decides again.
    const returned = await api('POST', `/approvals/${caseNo}/return`, approvers[1], {
      stepNo: 2,
      reason: '承办意见不完整，请补充现场核查情况',
    });
    expect([returned.status, returned.body.currentStep]).toEqual([200, 1]);
    expect((await ev(TOPICS.APPROVAL_STEP_RETURNED, caseNo)).value).toMatchObject({ caseNo });
    expect((await decide(caseNo, 1)).status).toBe(200);
    expect((await decide(caseNo, 2)).status).toBe(200);

    // Bad input writes nothing.
    const before = (await approval(caseNo)).audit.length;
    for (const [path, body] of [
      ['special-procedures', { type: '9', reason: '公示', expectedEndDate: shanghaiDate(new Date()) }],
      ['special-procedures', { type: '3', reason: '公示', expectedEndDate: '2020-01-01' }],
      ['return', { stepNo: 'x', reason: '理由理由' }],
    ] as const) {
      const r = await api('POST', `/approvals/${caseNo}/${path}`, approvers[2], body);
      expect([r.status >= 400 && r.status < 500, typeof r.body.code]).toEqual([true, 'string']);
    }
    expect((await approval(caseNo)).audit.length).toBe(before);

    // 特别程序 (公示) during 批准: decisions are refused while it runs, and intake's clock stops.
    const started = await api('POST', `/approvals/${caseNo}/special-procedures`, approvers[2], {
      type: '3',
      reason: '拟许可事项涉及公共利益，依法公示',
      expectedEndDate: shanghaiDate(new Date()),
    });
    expect(started.status).toBe(200);
    expect((await approval(caseNo)).status).toBe('SUSPENDED');
    const blocked = await decide(caseNo, 3);
    expect([blocked.status, blocked.body.code]).toEqual([409, 'CASE_SUSPENDED']);
    await ev(TOPICS.APPROVAL_CASE_SUSPENDED, caseNo);
    const paused = await followCase(caseNo, (c) =>
      (c.pauses ?? []).some((p: any) => p.reason === 'SPECIAL_PROCEDURE' && p.endedAt === null),
    );
    expect(paused.pauses.at(-1).procedure).toMatchObject({ type: '3' });

    const procedureId = (await approval(caseNo)).specialProcedures[0].id as string;
    const ended = await api(
      'POST',
      `/approvals/${caseNo}/special-procedures/${procedureId}/end`,
      approvers[2],
      {
        result: '公示期满无异议',
      },
    );
    expect(ended.status).toBe(200);
    const resumed = (await ev(TOPICS.APPROVAL_CASE_RESUMED, caseNo)).value as { dueDate: string };
    const afterPause = await followCase(caseNo, (c) => c.pauses.every((p: any) => p.endedAt !== null));
    // One clock: intake shows the promise date approval published on resumption.
    expect(afterPause.acceptance.promiseDate).toBe(resumed.dueDate);
    expect((await approval(caseNo)).dueDate).toBe(resumed.dueDate);

    expect((await decide(caseNo, 3)).status).toBe(200);
    await licensed(caseNo);
  });

  it('首席代表: the department head authorises the chief, who decides every step in one act', async () => {
    // Another department's head cannot authorise for this department; nothing is written.
    const refused = await api('POST', '/authorisations/chief', foreignHead, {
      deptCode: SCJG,
      holderSub: chiefSub,
      itemCodes: [foodItem],
      ...validity(),
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    const listed = await api('GET', '/authorisations/chief', admin);
    expect(listed.status).toBe(200);
    expect((listed.body.items as any[]).some((a) => a.holderSub === chiefSub)).toBe(false);

    const granted = await api('POST', '/authorisations/chief', head, {
      deptCode: SCJG,
      holderSub: chiefSub,
      itemCodes: [foodItem],
      ...validity(),
    });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ deptCode: SCJG, grantedBy: `head-al-${run}`, state: 'VALID' });

    const caseNo = await acceptedCase();
    const decided = await api('POST', `/approvals/${caseNo}/chief-decision`, chief, {
      decision: 'approve',
      opinion: '首席代表一次性审批：准予许可',
    });
    expect([decided.status, decided.body.status]).toEqual([200, 'APPROVED']);
    const steps = (decided.body.audit as any[]).filter((r) => r.action === 'STEP_APPROVED');
    expect(steps.map((r) => [r.stepNo, r.authorisationId])).toEqual([
      [1, granted.body.id],
      [2, granted.body.id],
      [3, granted.body.id],
    ]);
    await licensed(caseNo);
  });

  it('委托: the department head delegates the item; the delegate department decides it, the audit names the delegation', async () => {
    const refused = await api('POST', '/authorisations/delegations', foreignHead, {
      fromDept: SCJG,
      toDept: GA,
      itemCodes: [foodItem],
      ...validity(),
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    const delegated = await api('POST', '/authorisations/delegations', head, {
      fromDept: SCJG,
      toDept: GA,
      itemCodes: [foodItem],
      ...validity(),
    });
    expect(delegated.status).toBe(201);

    const caseNo = await acceptedCase();
    for (const step of [1, 2, 3]) {
      const r = await decide(caseNo, step, delegateApprovers[step - 1]);
      expect([step, r.status]).toEqual([step, 200]);
    }
    const trail = (await approval(caseNo)).audit as any[];
    expect(trail.filter((r) => r.action === 'STEP_APPROVED').map((r) => r.delegationId)).toEqual([
      delegated.body.id,
      delegated.body.id,
      delegated.body.id,
    ]);
    await licensed(caseNo);

    // Revoked: the delegate department no longer sees the department's cases.
    const revoked = await api('POST', `/authorisations/delegations/${delegated.body.id}/revoke`, head);
    expect(revoked.status).toBe(200);
    const other = await acceptedCase();
    expect((await decide(other, 1, delegateApprovers[0])).status).toBe(404);
  });
});
