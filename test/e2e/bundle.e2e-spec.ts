import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS } from '../../libs/shared/src/contracts/topics';
import { isValidLicenceId, isValidUscc } from '../../libs/shared/src/identifiers';
import { CollectedMessage, EventCollector } from '../../libs/shared/src/testing/event-collector';
import { testEnv, testToken } from '../../libs/shared/src/testing/test-env';
import { waitFor } from '../../libs/shared/src/testing/wait-for';
import { CaseBody, followCase, handleCaseAsStaff, StaffActions, staffToken } from '../support/case-flow';
import { http } from '../support/http';
import { Platform, startPlatform } from '../support/platform';

/**
 * 一件事一次办 end to end: the 企业开办 bundle, five services as five OS processes behind the gateway, over
 * real Kafka, PostgreSQL and Redis. ONE application (one form) → the founding 企业设立登记 in its
 * department, handled by that department's clerk and approvers → its business licence (holder: the
 * enterprise's new 统一社会信用代码) → the five dependent members start together, in four departments,
 * and are handled at the same time → one combined result. The members' own timestamps show the
 * dependents ran concurrently, not one after another.
 */
const BUNDLE_TOPICS = [
  TOPICS.BUNDLE_SUBMITTED,
  TOPICS.BUNDLE_MEMBER_STARTED,
  TOPICS.BUNDLE_COMPLETED,
  TOPICS.BUNDLE_PARTIALLY_COMPLETED,
  TOPICS.BUNDLE_FAILED,
  TOPICS.BUNDLE_WITHDRAWN,
];

interface DefinitionBody {
  code: string;
  name: string;
  members: Array<{ taskCode: string; dependsOn: string[]; applicant: string }>;
  formFields: Array<{ key: string; required: boolean }>;
  materials: Array<{ code: string; required: boolean }>;
  materialMapping: Record<string, Record<string, string>>;
  enterprise: { registeredBy: string; nameField: string } | null;
}
interface ItemBody {
  taskCode: string;
  name: string;
  deptCode: string;
  projectType: string;
  result: { type: string; licenceTypeName?: string | null };
}
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
  startedAt: string | null;
  endedAt: string | null;
}
interface Bundle {
  bundleNo: string;
  status: string;
  submittedAt: string;
  endedAt: string | null;
  enterprise: { uscc: string; name: string } | null;
  applicant?: { certNo: string };
  members: Member[];
  result: { licenceIds: string[]; completed: number; total: number } | null;
  view: 'FULL' | 'LIMITED';
  code?: string;
}
interface Page<T> {
  items: T[];
  total: number;
}

const ms = (iso: string | null): number => Date.parse(iso ?? '');
const secs = (n: number): string => `${(n / 1000).toFixed(2)} s`;

describe('一件事一次办: the 企业开办 bundle end to end through the gateway (5 processes, real Kafka/PostgreSQL/Redis)', () => {
  const env = testEnv();
  const run = randomBytes(3).toString('hex');
  // A fresh 行政区划 per run: bundle and case numbers restart with each fresh database, the broker keeps history.
  const region = String(100000 + Math.floor(Math.random() * 900000));
  let platform: Platform | undefined;
  const collector = new EventCollector(env.kafkaBrokers, [
    ...BUNDLE_TOPICS,
    TOPICS.LICENCE_ISSUED,
    TOPICS.CASE_COMPLETED,
  ]);
  let gw = '';
  const applicant = testToken({ sub: `founder-${run}`, roles: ['applicant'], name: '张三' });
  const otherApplicant = testToken({ sub: `founder-other-${run}`, roles: ['applicant'], name: '李四' });
  const admin = testToken({ sub: `admin-${run}`, roles: ['admin'] });
  const partner = testToken({ sub: `partner-${run}`, roles: ['partner'], name: '银行开户核验' });

  beforeAll(async () => {
    [platform] = await Promise.all([startPlatform(run, { region }), collector.start()]);
    gw = platform.gw;
  });

  afterAll(async () => {
    await collector.stop();
    await platform?.stop();
  });

  const formData = () => ({
    companyName: `杭州一网通办${run}科技有限公司`,
    registeredCapital: '100万元',
    premises: '杭州市西湖区文三路 1 号',
    businessScope: '软件开发；信息技术咨询服务',
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
  const getBundle = (bundleNo: string, token = applicant) =>
    http<Bundle>('GET', `${gw}/api/v1/bundles/${bundleNo}`, { token });
  const member = (b: Bundle, code: string): Member => {
    const m = b.members.find((x) => x.itemCode === code);
    if (!m) throw new Error(`no member ${code} in ${b.bundleNo}`);
    return m;
  };
  const ofBundle = (topic: string, bundleNo: string): CollectedMessage[] =>
    collector.find(topic, (m) => m.key === bundleNo);
  /** Bundles (all, as admin) and cases (all) that exist: what bad input must not change. */
  const footprint = async () => {
    const bundles = await http<Page<Bundle>>('GET', `${gw}/api/v1/bundles?pageSize=1`, { token: admin });
    const cases = await http<Page<unknown>>('GET', `${gw}/api/v1/applications?pageSize=1`, { token: admin });
    expect([bundles.status, cases.status]).toEqual([200, 200]);
    return { bundles: bundles.body.total, cases: cases.body.total };
  };

  let definition: DefinitionBody;
  let founding = '';
  let dependents: string[] = [];
  const items = new Map<string, ItemBody>();
  /** The bundle the main test filed, for the later ones. */
  let filed: { bundle: Bundle; idempotencyKey: string } | undefined;

  it('serves the 企业开办 definition publicly, over published items of five departments', async () => {
    const r = await http<DefinitionBody>('GET', `${gw}/api/v1/bundle-definitions/QYKB`);
    expect(r.status).toBe(200);
    definition = r.body;
    expect(definition).toMatchObject({ code: 'QYKB', name: '企业开办' });
    expect(definition.members).toHaveLength(6);
    const roots = definition.members.filter((m) => m.dependsOn.length === 0);
    expect(roots).toHaveLength(1);
    founding = roots[0].taskCode;
    dependents = definition.members.filter((m) => m.taskCode !== founding).map((m) => m.taskCode);
    expect(definition.members.every((m) => m.taskCode === founding || m.dependsOn.join() === founding)).toBe(
      true,
    );
    expect(definition.enterprise?.registeredBy).toBe(founding);
    for (const m of definition.members) {
      const item = await http<ItemBody>('GET', `${gw}/api/v1/items/${m.taskCode}`);
      expect(item.status).toBe(200);
      items.set(m.taskCode, item.body);
    }
    expect(items.get(founding)).toMatchObject({
      name: '企业设立登记',
      result: { type: '出证办结', licenceTypeName: '营业执照' },
    });
    expect(new Set([...items.values()].map((i) => i.deptCode)).size).toBe(5);
    const list = await http<Page<{ code: string }>>('GET', `${gw}/api/v1/bundle-definitions`);
    expect(list.body.items.map((d) => d.code)).toContain('QYKB');
  });

  it('files 企业开办 with ONE form; the founding member first, then five departments at once, to one combined result', async () => {
    expect(items.size).toBe(6);
    const t0 = Date.now();
    const idempotencyKey = randomUUID();
    const correlationId = `e2e-bundle-${run}`;
    const submitted = await http<Bundle>('POST', `${gw}/api/v1/bundles`, {
      token: applicant,
      body: bundleBody(),
      headers: { 'idempotency-key': idempotencyKey, 'x-correlation-id': correlationId },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.headers.get('x-correlation-id')).toBe(correlationId);
    const b0 = submitted.body;
    const bundleNo = b0.bundleNo;
    filed = { bundle: b0, idempotencyKey };
    expect(b0).toMatchObject({ status: 'IN_PROGRESS', view: 'FULL', result: null });
    expect(b0.applicant?.certNo).toBe('110105********002X');
    const uscc = b0.enterprise!.uscc;
    expect(isValidUscc(uscc)).toBe(true);
    expect(uscc.slice(0, 8)).toBe(`91${region}`);
    expect(b0.enterprise!.name).toBe(formData().companyName);
    // A retry (say after a timeout) returns the same bundle: one enterprise, one set of cases.
    const retried = await http<Bundle>('POST', `${gw}/api/v1/bundles`, {
      token: applicant,
      body: bundleBody(),
      headers: { 'idempotency-key': idempotencyKey },
    });
    expect([retried.status, retried.body.bundleNo, retried.headers.get('idempotent-replayed')]).toEqual([
      201,
      bundleNo,
      'true',
    ]);

    // Only the founding member has a case yet, filed in the enterprise's name in its own department.
    expect(member(b0, founding)).toMatchObject({
      outcome: 'STARTED',
      department: { code: items.get(founding)!.deptCode },
      caseStatus: 'SUBMITTED',
    });
    for (const code of dependents) {
      expect(member(b0, code)).toMatchObject({ outcome: 'PENDING', caseNo: null });
    }
    const foundingNo = member(b0, founding).caseNo!;
    const foundingCase = await followCase(gw, applicant, foundingNo, () => true, 'the founding case');
    expect(foundingCase.applicant).toMatchObject({ userProp: '2', certType: '001', certNo: uscc });
    expect(foundingCase.formData).toMatchObject({ companyName: formData().companyName });

    // 企业设立登记 (承诺件): its department's clerk accepts it, three of its approvers decide its steps.
    // Until the last step decides it, nothing else starts.
    let pendingBeforeFinalStep: Bundle | undefined;
    const foundingRun = await handleCaseAsStaff(gw, {
      run,
      applicantToken: applicant,
      caseNo: foundingNo,
      beforeFinalStep: async () => {
        pendingBeforeFinalStep = (await getBundle(bundleNo)).body;
      },
    });
    expect(foundingRun.actions).toEqual(['受理', '承办', '审核', '批准']);
    expect(pendingBeforeFinalStep).toBeDefined();
    for (const code of dependents) {
      expect(member(pendingBeforeFinalStep!, code)).toMatchObject({ outcome: 'PENDING', caseNo: null });
    }
    const businessLicence = foundingRun.done.licenceId!;
    expect(foundingRun.done.done).toMatchObject({ doneResult: '0' });
    expect(isValidLicenceId(businessLicence)).toBe(true);
    // Ours is the licence signed with this platform's key (other runs may share the broker).
    const issued = await collector.waitForMessage(
      TOPICS.LICENCE_ISSUED,
      (m) => {
        const v = m.value as { caseNo?: string; kid?: string };
        return v.caseNo === foundingNo && v.kid === platform!.signingKeyId;
      },
      60_000,
    );
    expect((issued.value as { licenceId: string }).licenceId).toBe(businessLicence);
    const licenceIssuedAt = ms(issued.headers.ce_time);

    // The licence exists: the five dependents start at once, each in its own department.
    await waitFor(() => ofBundle(TOPICS.BUNDLE_MEMBER_STARTED, bundleNo).length === 6, {
      timeoutMs: 30_000,
      description: 'the five dependents to start',
    });
    const running = (await getBundle(bundleNo)).body;
    expect(member(running, founding)).toMatchObject({
      outcome: 'COMPLETED',
      doneResult: '0',
      licenceId: businessLicence,
    });
    for (const code of dependents) {
      const m = member(running, code);
      expect(m).toMatchObject({ department: { code: items.get(code)!.deptCode } });
      // A 即办件 (accepted by rule, decided by the 即办 workflow) may be done before this read; the others
      // wait for their departments.
      const instant = items.get(code)!.projectType === '1';
      expect(instant ? ['STARTED', 'COMPLETED'] : ['STARTED']).toContain(m.outcome);
      expect(m.caseNo).toEqual(expect.any(String));
      expect(ms(m.startedAt)).toBeGreaterThanOrEqual(licenceIssuedAt);
    }
    // Members that need the business licence have it attached (免提交): it existed when they were filed.
    for (const code of dependents) {
      const withLicence = Object.values(definition.materialMapping[code] ?? {}).includes(
        '$dependency.licence',
      );
      if (!withLicence) continue;
      const c = await followCase(gw, applicant, member(running, code).caseNo!, () => true, 'a dependent');
      expect(c.applicant).toMatchObject({ userProp: '2', certNo: uscc });
      expect(c.materials.map((x) => x.fileName)).toContain(`电子证照 ${businessLicence}`);
    }

    // Five departments at work at the same time: every dependent handled as its own department would.
    const handled: Array<StaffActions & { item: ItemBody; done: CaseBody }> = await Promise.all(
      dependents.map(async (code) => ({
        item: items.get(code)!,
        ...(await handleCaseAsStaff(gw, {
          run,
          applicantToken: applicant,
          caseNo: member(running, code).caseNo!,
        })),
      })),
    );
    for (const h of handled) {
      // 即办件 filed online with every material are accepted by rule and decided without a person (即办
      // workflow); 承诺件 need the clerk's 受理 and the three steps.
      expect(h.actions).toEqual(h.item.projectType === '1' ? [] : ['受理', '承办', '审核', '批准']);
    }
    // The departments' own work overlapped too: every 承诺件 was accepted before any of them was done.
    const manual = handled.filter((h) => h.actions.length > 0).map((h) => h.done);
    expect(manual.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...manual.map((c) => ms(c.acceptance!.acceptedAt)))).toBeLessThan(
      Math.min(...manual.map((c) => ms(c.done!.doneAt))),
    );

    const ended = await collector.waitForMessage(TOPICS.BUNDLE_COMPLETED, (m) => m.key === bundleNo, 60_000);
    const done = (await getBundle(bundleNo)).body;
    expect(done.status).toBe('COMPLETED');
    expect(done.members.every((m) => m.outcome === 'COMPLETED' && m.doneResult === '0')).toBe(true);
    expect(done.members.every((m) => m.caseStatus === 'DONE')).toBe(true);

    // One combined result: every licence the members yielded — each member whose item ends with a licence
    // (出证办结) has one, the others (审批办结) none.
    const licenceIds = done.members.flatMap((m) => (m.licenceId ? [m.licenceId] : []));
    expect(done.result).toEqual({ licenceIds, completed: 6, total: 6 });
    for (const m of done.members) {
      const yields = items.get(m.itemCode)!.result.type === '出证办结';
      expect([m.itemName, m.licenceId !== null]).toEqual([m.itemName, yields]);
    }
    expect(licenceIds).toEqual([businessLicence]);
    expect(ended.value).toMatchObject({ state: 'COMPLETED', licenceIds });
    for (const licenceId of licenceIds) await verifyLicence(licenceId, uscc, formData().companyName);

    // The timestamps: dependents start after the founding member ended, and run at the same time.
    const f = member(done, founding);
    const deps = dependents.map((c) => member(done, c));
    const foundingEnd = ms(f.endedAt);
    for (const m of deps) expect(ms(m.startedAt)).toBeGreaterThanOrEqual(foundingEnd);
    const latestStart = Math.max(...deps.map((m) => ms(m.startedAt)));
    const earliestEnd = Math.min(...deps.map((m) => ms(m.endedAt)));
    expect(latestStart).toBeLessThan(earliestEnd);
    const duration = (m: Member) => ms(m.endedAt) - ms(m.startedAt);
    const depWindow =
      Math.max(...deps.map((m) => ms(m.endedAt))) - Math.min(...deps.map((m) => ms(m.startedAt)));
    const depSum = deps.reduce((s, m) => s + duration(m), 0);
    // One after another, the dependents' phase would last at least the sum of their durations.
    expect(depWindow).toBeLessThan(depSum);
    const total = ms(done.endedAt) - ms(done.submittedAt);
    const memberSum = done.members.reduce((s, m) => s + duration(m), 0);

    // The bundle's events: submitted → member-started (the founding member, then the five) → completed.
    const sub = ofBundle(TOPICS.BUNDLE_SUBMITTED, bundleNo);
    expect(sub).toHaveLength(1);
    expect(sub[0].value).toMatchObject({ definitionCode: 'QYKB', enterpriseUscc: uscc });
    expect(JSON.stringify(sub[0].value)).not.toContain('11010519491231002X');
    const started = ofBundle(TOPICS.BUNDLE_MEMBER_STARTED, bundleNo).map(
      (m) => m.value as { itemCode: string; caseNo: string; startedAt: string },
    );
    expect(started.map((s) => s.itemCode).sort()).toEqual([founding, ...dependents].sort());
    const startOf = (code: string) => ms(started.find((s) => s.itemCode === code)!.startedAt);
    const submittedAt = ms((sub[0].value as { submittedAt: string }).submittedAt);
    expect(startOf(founding)).toBeGreaterThanOrEqual(submittedAt);
    const foundingCompleted = await collector.waitForMessage(
      TOPICS.CASE_COMPLETED,
      (m) => m.key === foundingNo,
    );
    const foundingCompletedAt = ms((foundingCompleted.value as { completedAt: string }).completedAt);
    for (const code of dependents) {
      expect(startOf(code)).toBeGreaterThanOrEqual(foundingCompletedAt);
      expect(startOf(code)).toBeLessThanOrEqual(ms((ended.value as { endedAt: string }).endedAt));
    }
    expect(ofBundle(TOPICS.BUNDLE_COMPLETED, bundleNo)).toHaveLength(1);
    for (const t of [TOPICS.BUNDLE_PARTIALLY_COMPLETED, TOPICS.BUNDLE_FAILED, TOPICS.BUNDLE_WITHDRAWN]) {
      expect(ofBundle(t, bundleNo)).toHaveLength(0);
    }
    // Every bundle event: the CloudEvents envelope, keyed by the 一件事编号 (one partition per topic).
    const bundleEvents = BUNDLE_TOPICS.flatMap((t) => ofBundle(t, bundleNo));
    expect(bundleEvents).toHaveLength(8);
    for (const m of bundleEvents) {
      expect(m.headers).toMatchObject({
        ce_specversion: '1.0',
        ce_type: m.topic.replace(/\.v1$/, ''),
        ce_source: '/gov-platform/intake',
        ce_subject: bundleNo,
        'content-type': 'application/json',
      });
    }
    // The filing's correlation id goes with the bundle's first events.
    expect(sub[0].headers['x-correlation-id']).toBe(correlationId);

    console.log(
      [
        `[e2e] bundle ${bundleNo} (企业开办, ${done.members.length} members), submit → COMPLETED in ${secs(Date.now() - t0)} wall clock`,
        `  founding ${f.itemName}: ${secs(duration(f))} (${foundingRun.actions.join(' → ')} → 营业执照)`,
        ...deps.map((m) => {
          const h = handled.find((x) => x.item.taskCode === m.itemCode)!;
          return `  dependent ${m.itemName} [${m.department.name}]: ${secs(duration(m))} (${h.actions.join(' → ') || '即办: 受理 by rule, no manual step'})`;
        }),
        `  dependents' window ${secs(depWindow)} vs the sum of their durations ${secs(depSum)}; latest start ${secs(latestStart - foundingEnd)} after the founding end, earliest end ${secs(earliestEnd - latestStart)} after the latest start`,
        `  bundle total ${secs(total)}; sum of all member durations ${secs(memberSum)}`,
      ].join('\n'),
    );
  });

  /** The licence as a partner sees it (holder: the enterprise), its PDF's QR verifies, so does the file. */
  async function verifyLicence(licenceId: string, uscc: string, holderName: string): Promise<void> {
    const purpose = encodeURIComponent('企业开户核验');
    const info = await http('GET', `${gw}/api/v1/licences/${licenceId}?purpose=${purpose}`, {
      token: partner,
    });
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      licenceId,
      status: 'ISSUED',
      type: { name: '营业执照' },
      holder: { name: holderName, certType: '001', certNo: uscc },
      signature: { algorithm: 'SM2-SM3', kid: platform!.signingKeyId, signedData: { holderCode: uscc } },
    });
    const pdf = await http('GET', `${gw}/api/v1/licences/${licenceId}/file?purpose=${purpose}`, {
      token: partner,
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'bundle-licence-'));
    writeFileSync(join(dir, 'l.pdf'), pdf.raw);
    const text = execFileSync('pdftotext', [join(dir, 'l.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('营业执照');
    expect(text).toContain(uscc);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir, 'l.pdf'), join(dir, 'page')]);
    const qr = execFileSync('zbarimg', ['--raw', '-q', join(dir, 'page.png')], { encoding: 'utf8' }).trim();
    expect(qr.startsWith(`${gw}/api/v1/verify/`)).toBe(true);
    const verified = await http('GET', qr);
    expect(verified.body).toMatchObject({ valid: true, licence: { licenceId, status: 'ISSUED' } });
    const fileOk = await http('POST', `${gw}/api/v1/verify/file`, {
      rawBody: pdf.raw,
      contentType: 'application/pdf',
    });
    expect(fileOk.body).toMatchObject({ valid: true, licence: { licenceId } });
  }

  it('shows the bundle to its applicant with every member’s state, to nobody else, and a LIMITED view to member departments', async () => {
    expect(filed).toBeDefined();
    const { bundleNo } = filed!.bundle;
    const mine = await getBundle(bundleNo);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ view: 'FULL', status: 'COMPLETED' });
    for (const m of mine.body.members) {
      expect(m).toMatchObject({ outcome: 'COMPLETED', caseStatus: 'DONE', caseNo: expect.any(String) });
    }
    const list = await http<Page<Bundle>>('GET', `${gw}/api/v1/bundles`, { token: applicant });
    expect(list.body.items.map((x) => x.bundleNo)).toContain(bundleNo);

    const other = await getBundle(bundleNo, otherApplicant);
    expect([other.status, other.body.code]).toEqual([404, 'NOT_FOUND']);
    const otherList = await http<Page<Bundle>>('GET', `${gw}/api/v1/bundles`, { token: otherApplicant });
    expect(otherList.body.items.map((x) => x.bundleNo)).not.toContain(bundleNo);

    // The clerk of a dependent's department: every member's state and case, no applicant, no result, and
    // licences of their own department's members only.
    const dependent = dependents.find((c) => items.get(c)!.deptCode !== items.get(founding)!.deptCode)!;
    const limited = await getBundle(bundleNo, staffToken(run, items.get(dependent)!.deptCode, 'clerk'));
    expect(limited.status).toBe(200);
    expect(limited.body).toMatchObject({ view: 'LIMITED', result: null, status: 'COMPLETED' });
    expect(limited.body.applicant).toBeUndefined();
    expect(member(limited.body, founding).licenceId).toBeNull();
    expect(member(limited.body, dependent).caseNo).toBe(member(mine.body, dependent).caseNo);
    expect(limited.body.members.map((m) => m.outcome)).toEqual(mine.body.members.map((m) => m.outcome));
    const foundingDept = items.get(founding)!.deptCode;
    const own = await getBundle(bundleNo, staffToken(run, foundingDept, 'approver'));
    expect(own.body.view).toBe('LIMITED');
    expect(member(own.body, founding).licenceId).toBe(member(mine.body, founding).licenceId);
    // Staff of a department with no member: the bundle does not exist for them.
    const catalog = await http<Page<ItemBody>>('GET', `${gw}/api/v1/items?pageSize=100`);
    const memberDepts = new Set([...items.values()].map((i) => i.deptCode));
    const outsider = catalog.body.items.find((i) => !memberDepts.has(i.deptCode))!;
    expect(outsider).toBeDefined();
    const foreign = await getBundle(bundleNo, staffToken(run, outsider.deptCode, 'clerk'));
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses bad bundle input through the gateway with stable 4xx codes and creates nothing', async () => {
    expect(filed).toBeDefined();
    const before = await footprint();
    const post = (opts: Parameters<typeof http>[2]) => http('POST', `${gw}/api/v1/bundles`, opts);
    const refused = async (opts: Parameters<typeof http>[2], status: number, code: string) => {
      const r = await post(opts);
      expect([r.status, r.body.code]).toEqual([status, code]);
      expect(r.body.correlationId).toEqual(expect.any(String));
      return r.body as { details?: unknown };
    };
    await refused({ token: applicant, rawBody: '{"definitionCode": ' }, 400, 'MALFORMED_JSON');
    const { depositRate: _d, ...withoutRate } = formData();
    const missing = await refused(
      { token: applicant, body: bundleBody({ formData: withoutRate }) },
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(missing.details)).toContain('formData.depositRate');
    await refused(
      { token: applicant, body: bundleBody({ formData: { ...formData(), colour: '红' } }) },
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      { token: applicant, body: bundleBody({ materials: 'all of them' }) },
      400,
      'VALIDATION_FAILED',
    );
    await refused({ token: applicant, body: { ...bundleBody(), hack: true } }, 400, 'VALIDATION_FAILED');
    const noMaterials = await refused(
      { token: applicant, body: bundleBody({ materials: [{ code: 'B01', fileName: 'B01.pdf' }] }) },
      422,
      'MATERIALS_INCOMPLETE',
    );
    expect((noMaterials.details as { missing: unknown[] }).missing).toHaveLength(9);
    await refused(
      {
        token: applicant,
        body: bundleBody({
          applicant: { userProp: '1', name: '张三', certType: '111', certNo: '110105194912310021' },
        }),
      },
      400,
      'INVALID_ID_NUMBER',
    );
    await refused({ token: applicant, body: bundleBody({ definitionCode: 'NOPE' }) }, 404, 'NOT_FOUND');
    const unknownDef = await http('GET', `${gw}/api/v1/bundle-definitions/NOPE`);
    expect([unknownDef.status, unknownDef.body.code]).toEqual([404, 'NOT_FOUND']);
    // The first filing's Idempotency-Key with another body: refused, the first bundle stays the only one.
    const reused = await refused(
      {
        token: applicant,
        body: bundleBody({ formData: { ...formData(), companyName: '另一家公司' } }),
        headers: { 'idempotency-key': filed!.idempotencyKey },
      },
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(JSON.stringify(reused.details)).toContain(filed!.bundle.bundleNo);
    await refused(
      { token: applicant, body: bundleBody(), headers: { 'idempotency-key': 'bad key' } },
      400,
      'VALIDATION_FAILED',
    );
    await refused({ body: bundleBody() }, 401, 'UNAUTHENTICATED');
    await refused(
      { token: staffToken(run, items.get(founding)!.deptCode, 'clerk'), body: bundleBody() },
      403,
      'FORBIDDEN',
    );
    const unknownBundle = await getBundle('YJS000000202601010000001');
    expect([unknownBundle.status, unknownBundle.body.code]).toEqual([404, 'NOT_FOUND']);
    expect(await footprint()).toEqual(before);
  });
});
