import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { TOPICS } from '../../libs/shared/src/contracts/topics';
import { TestProducer } from '../../libs/shared/src/testing/produce';
import { testEnv, testToken } from '../../libs/shared/src/testing/test-env';
import { waitFor } from '../../libs/shared/src/testing/wait-for';
import { http } from '../support/http';
import { companyUscc } from '../support/identities';
import { Platform, startPlatform } from '../support/platform';
import { ROOT } from '../support/processes';

/**
 * The supervision dashboard (/dashboard, served by the gateway) in a real headless Chromium (Debian's
 * `chromium`, installed by scripts/ensure-system-deps.sh, driven by playwright-core): a scenario is seeded
 * through the gateway (a case only submitted, one in approval, one decided and completed with a licence
 * and rated badly, a 即办件 completed the same day and rated well) plus one overdue 事后核查 (the event intake
 * publishes when a 告知承诺 check misses its deadline: a real one would take weeks); then a supervisor and
 * a department head sign in, and every number the page shows must equal what the supervision API answers
 * the same token. The supervisor's view is saved as docs/dashboard.png.
 */
const SCJG = { code: '113301000024901620', name: '杭州市市场监督管理局' };
const RS = { code: '11330100002495289H', name: '杭州市人力资源和社会保障局' };
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=zh-CN',
];
const SCREENSHOT = join(ROOT, 'docs', 'dashboard.png');
const NA = '暂无数据来源';

// ---- the page's formatting rules (apps/gateway/src/dashboard/public/app.js), applied to the API's numbers ----
const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(2)}%`;
interface Metric {
  key: string;
  unit: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  available: boolean;
}
const metricValue = (m: Metric) => (!m.available ? NA : m.unit === 'ratio' ? pct(m.value) : num(m.value));
const remainingText = (n: number | null) =>
  n === null ? '待计算' : n < 0 ? `逾期 ${-n} 个工作日` : n === 0 ? '今日到期' : `剩余 ${n} 个工作日`;
const ESCALATION_NAMES: Record<string, string> = {
  OPEN: '待签收',
  ACKNOWLEDGED: '已签收办理中',
  RESOLVED: '已办结',
};

const shanghaiDate = (d = new Date()) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Testids on the page that are not numbers (messages and headings). */
const NOT_NUMBERS = new Set(['signin-error', 'board-error', 'scope', 'period']);

describe('supervision dashboard in headless Chromium (through the gateway)', () => {
  const env = testEnv();
  const run = randomBytes(3).toString('hex');
  let platform: Platform | undefined;
  let gw = '';
  let context: BrowserContext | undefined;
  let page: Page;
  let userDataDir = '';
  const producer = new TestProducer(env.kafkaBrokers);
  const pageErrors: string[] = [];

  const applicant = testToken({ sub: `citizen-${run}`, roles: ['applicant'], name: '张三' });
  const clerkOf = (dept: string) => testToken({ sub: `clerk-${dept}-${run}`, roles: ['clerk'], dept });
  const approvers = [1, 2, 3].map((i) =>
    testToken({ sub: `approver-${i}-${run}`, roles: ['approver'], name: `审批${i}`, dept: SCJG.code }),
  );
  const supervisor = testToken({ sub: `supervisor-${run}`, roles: ['supervisor'], name: '监察员陈一' });
  const scjgHead = testToken({
    sub: `head-${run}`,
    roles: ['dept_head'],
    name: '市监局负责人',
    dept: SCJG.code,
  });
  const today = shanghaiDate();
  const period = { from: addDays(today, -6), to: today };
  const cases: Record<'submitted' | 'inApproval' | 'decided' | 'immediate', string> = {
    submitted: '',
    inApproval: '',
    decided: '',
    immediate: '',
  };

  beforeAll(async () => {
    platform = await startPlatform(run, {
      logLevel: 'warn',
      gatewayEnv: { RATE_LIMIT_PER_MINUTE: '100000' },
      serviceEnvOf: {
        supervision: {
          // Lights within a second of a clock opening (the default sweep is every 15 s), and a 承诺办结
          // clock yellow from 10 working days left (default 2), so the case in approval shows yellow.
          SUPERVISION_SWEEP_INTERVAL_MS: '1000',
          SUPERVISION_YELLOW_DAYS_CASE_PROMISE: '10',
        },
      },
    });
    gw = platform.gw;
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await producer.close();
    await platform?.stop();
  });

  const get = async (path: string, token: string) => {
    const r = await http('GET', `${gw}/api/v1${path}`, { token });
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  async function submit(itemCode: string, formData: Record<string, string>, materials: string[]) {
    const r = await http('POST', `${gw}/api/v1/applications`, {
      token: applicant,
      body: {
        itemCode,
        applicant: {
          userProp: '2',
          name: '杭州某某餐饮管理有限公司',
          certType: '001',
          certNo: companyUscc(),
          phone: '13800138000',
        },
        formData,
        materials: materials.map((code) => ({ code, fileName: `${code}.pdf` })),
        submitChannel: '1',
      },
    });
    expect(r.status).toBe(201);
    return r.body.caseNo as string;
  }

  async function accept(caseNo: string, dept: string) {
    const r = await http('POST', `${gw}/api/v1/applications/${caseNo}/accept`, {
      token: clerkOf(dept),
      body: { remark: '材料齐全，予以受理' },
    });
    expect(r.status).toBe(200);
  }

  const status = async (caseNo: string) =>
    (await get(`/applications/${caseNo}`, applicant)).status as string | undefined;

  async function rate(caseNo: string, satisfaction: number, comment?: string) {
    await waitFor(
      async () => {
        const r = await http('POST', `${gw}/api/v1/reviews`, {
          token: applicant,
          body: { caseNo, satisfaction, pf: '1', ...(comment ? { comment } : {}) },
        });
        if (r.status === 201) return r;
        if (r.status === 409 && r.body.code === 'CASE_NOT_RATABLE') return undefined;
        throw new Error(JSON.stringify(r.body));
      },
      { timeoutMs: 60_000, intervalMs: 250, description: `case ${caseNo} ratable` },
    );
  }

  it('seeds a scenario through the gateway and waits until supervision has projected it', async () => {
    const items = (await get('/items?pageSize=100', applicant)).items as Array<{
      name: string;
      taskCode: string;
    }>;
    const food = items.find((i) => i.name === '食品经营许可')!.taskCode;
    const insurance = items.find((i) => i.name === '社会保险参保登记')!.taskCode;
    const foodForm = {
      premises: '杭州市西湖区文三路 100 号',
      businessScope: '热食类食品制售',
      legalRepresentative: '张三',
    };
    const foodMaterials = ['M01', 'M02', 'M03', 'M04'];

    cases.submitted = await submit(food, foodForm, foodMaterials);
    cases.inApproval = await submit(food, foodForm, foodMaterials);
    cases.decided = await submit(food, foodForm, foodMaterials);
    cases.immediate = await submit(insurance, { insuranceTypes: '养老保险', startMonth: '2026-11' }, ['M01']);
    await accept(cases.inApproval, SCJG.code);
    await accept(cases.decided, SCJG.code);
    // An online 即办件 with every material is accepted by rule at submission, approved by the system at
    // once and done the same day: no clerk involved.

    // 承办 / 审核 / 批准 by three approvers → licence → 办结.
    await waitFor(
      async () =>
        (await http('GET', `${gw}/api/v1/approvals/${cases.decided}`, { token: approvers[0] })).status ===
        200,
      {
        timeoutMs: 60_000,
        description: 'the approval case opened',
      },
    );
    for (const [i, opinion] of ['承办意见：材料符合要求', '审核意见：同意', '批准：准予许可'].entries()) {
      const d = await http('POST', `${gw}/api/v1/approvals/${cases.decided}/decision`, {
        token: approvers[i],
        body: { stepNo: i + 1, decision: 'approve', opinion },
      });
      expect(d.status).toBe(200);
    }
    for (const c of [cases.decided, cases.immediate]) {
      await waitFor(async () => (await status(c)) === 'DONE', {
        timeoutMs: 90_000,
        description: `${c} DONE`,
      });
    }
    expect((await get(`/applications/${cases.decided}`, applicant)).licenceId).toEqual(expect.any(String));
    await rate(cases.decided, 2, '等待时间较长，窗口指引不清楚'); // 差评: opens a 整改 work order
    await rate(cases.immediate, 5);

    // The 告知承诺 事后核查 of the decided case missed its deadline (intake's flag; see the header comment).
    await producer.send(TOPICS.CASE_POST_CHECK_DUE, cases.decided, {
      caseNo: cases.decided,
      itemCode: food,
      itemName: '食品经营许可',
      deptCode: SCJG.code,
      deptName: SCJG.name,
      postCheckNo: `HC${cases.decided}`,
      commitmentNo: `CN${cases.decided}`,
      dueDate: addDays(today, -10),
      flaggedAt: new Date().toISOString(),
    });

    // Supervision consumes everything on its own: poll its API until the scenario is in and swept.
    const stats = await waitFor(
      async () => {
        const s = await get(`/supervision/statistics?from=${period.from}&to=${period.to}`, supervisor);
        const m = (key: string) => s.metrics.find((x: Metric) => x.key === key) as Metric;
        const lights = (kind: string) => s.lights.find((l: { kind: string }) => l.kind === kind);
        const esc = await get('/supervision/escalations?pageSize=1', supervisor);
        const open = await get('/supervision/lights?pageSize=100', supervisor);
        const ready =
          m('onTimeCompletionRate').denominator === 2 &&
          m('satisfactionRate').denominator === 2 &&
          m('badReviewRectifiedRate').denominator === 1 &&
          lights('POST_CHECK').red === 1 &&
          lights('CASE_PROMISE').yellow === 1 &&
          lights('RECTIFICATION').green + lights('RECTIFICATION').yellow === 1 &&
          esc.total === 1 &&
          open.items.every((c: { light: string | null }) => c.light !== null);
        return ready ? s : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500, description: 'supervision to project the scenario' },
    );
    // The scenario as the reform numbers see it (so an empty page could not pass the comparisons below).
    const m = (key: string) => stats.metrics.find((x: Metric) => x.key === key) as Metric;
    expect(m('satisfactionRate')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(m('badReviewRate')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(m('immediateSameDayRate')).toMatchObject({ numerator: 1, denominator: 1, value: 1 });
    // both decided cases were filed and followed online: no visit (最多跑一次, 一次不用跑)
    expect(m('atMostOneVisitRate')).toMatchObject({ numerator: 2, denominator: 2, value: 1 });
    expect(m('zeroVisitRate')).toMatchObject({ numerator: 2, denominator: 2, value: 1 });
    expect(m('badReviewRectifiedRate')).toMatchObject({ numerator: 0, denominator: 1, available: true });
    expect(stats.promiseCompression.average.available).toBe(true);
    expect(stats.satisfactionByDepartment.map((d: { deptCode: string }) => d.deptCode).sort()).toEqual(
      [SCJG.code, RS.code].sort(),
    );
  });

  /** What the page must show for this token: every number, keyed by its data-testid. */
  async function expectedFor(token: string): Promise<Record<string, string>> {
    const stats = await get(`/supervision/statistics?from=${period.from}&to=${period.to}`, token);
    const lights = await get('/supervision/lights?pageSize=50', token);
    const escalations = await get('/supervision/escalations?pageSize=20', token);
    const counts: Record<string, number> = {};
    for (const s of Object.keys(ESCALATION_NAMES)) {
      counts[s] = (await get(`/supervision/escalations?pageSize=1&status=${s}`, token)).total;
    }
    const e: Record<string, string> = {};
    const metric = (key: string) => stats.metrics.find((x: Metric) => x.key === key) as Metric;
    const sum = (k: 'red' | 'yellow') =>
      stats.lights.reduce((a: number, l: Record<string, number>) => a + l[k], 0);
    e['summary-red'] = String(sum('red'));
    e['summary-yellow'] = String(sum('yellow'));
    e['summary-escalations-open'] = String(counts.OPEN);
    e['summary-on-time'] = metricValue(metric('onTimeCompletionRate'));
    e['summary-immediate'] = metricValue(metric('immediateSameDayRate'));
    e['summary-satisfaction'] = metricValue(metric('satisfactionRate'));
    for (const l of stats.lights) {
      for (const k of ['red', 'yellow', 'green']) e[`lightcount-${l.kind}-${k}`] = String(l[k]);
    }
    for (const d of stats.satisfactionByDepartment) {
      e[`satisfaction-${d.deptCode}-ratings`] = String(d.ratings);
      e[`satisfaction-${d.deptCode}-satisfied`] = String(d.satisfied);
      e[`satisfaction-${d.deptCode}-value`] = pct(d.value);
    }
    e['lights-total'] = String(lights.total);
    for (const c of lights.items) {
      e[`light-${c.clockId}-case`] = c.caseNo;
      e[`light-${c.clockId}-due`] = c.effectiveDueDate ?? c.dueDate;
      e[`light-${c.clockId}-remaining`] = remainingText(c.remainingWorkingDays);
    }
    e['escalations-total'] = String(escalations.total);
    for (const [s, n] of Object.entries(counts)) e[`escalations-status-${s}`] = String(n);
    for (const x of escalations.items) {
      e[`escalation-${x.escalationId}-case`] = x.caseNo;
      e[`escalation-${x.escalationId}-due`] = x.dueDate;
      e[`escalation-${x.escalationId}-status`] = ESCALATION_NAMES[x.status];
    }
    const rect = stats.lights.find((l: { kind: string }) => l.kind === 'RECTIFICATION');
    const rectified = metric('badReviewRectifiedRate');
    e['badreview-opened'] = num(rectified.denominator);
    e['badreview-open-green'] = String(rect.green);
    e['badreview-open-yellow'] = String(rect.yellow);
    e['badreview-open-red'] = String(rect.red);
    e['badreview-rectified'] = rectified.available ? num(rectified.numerator) : NA;
    const revisit = metric('revisitRate');
    e['badreview-followed-up'] = revisit.available ? num(revisit.numerator) : NA;
    for (const k of [
      'submitted',
      'completed',
      'partiallyCompleted',
      'failed',
      'withdrawn',
      'timeSavedHours',
    ]) {
      e[`bundles-${k}`] = num(stats.bundles[k]);
    }
    for (const m of [
      ...stats.metrics,
      stats.promiseCompression.average,
      stats.bundles.timeSaved,
    ] as Metric[]) {
      e[`metric-${m.key}-value`] = metricValue(m);
      e[`metric-${m.key}-numerator`] = num(m.numerator);
      e[`metric-${m.key}-denominator`] = num(m.denominator);
    }
    for (const i of stats.promiseCompression.perItem) {
      e[`compression-${i.itemCode}-promiseLimit`] = num(i.promiseLimit);
      e[`compression-${i.itemCode}-legalLimit`] = i.legalLimit === null ? NA : num(i.legalLimit);
      e[`compression-${i.itemCode}-value`] = i.value === null ? NA : pct(i.value);
      e[`compression-${i.itemCode}-cases`] = String(i.cases);
    }
    return e;
  }

  /** Every element with a data-testid, visible or not, and its text. */
  const shown = async (): Promise<Record<string, string>> =>
    Object.fromEntries(
      (
        await page.$$eval('[data-testid]', (els) =>
          els.map((el) => [el.getAttribute('data-testid') ?? '', (el.textContent ?? '').trim()]),
        )
      ).filter(([id]) => !NOT_NUMBERS.has(id)),
    );

  async function signIn(token: string): Promise<void> {
    await page.fill('#token-input', token);
    await page.click('#signin-submit');
  }

  async function setPeriodAndWait(): Promise<void> {
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
    await page.fill('#period-from', period.from);
    await page.fill('#period-to', period.to);
    await page.click('#period-submit');
    // Selectors, not string predicates: the page's CSP refuses eval, which string predicates need.
    await page.waitForSelector(
      `body[data-state="ready"] [data-testid="period"]:text-is("${period.from} 至 ${period.to}")`,
      { timeout: 30_000 },
    );
  }

  it('serves the page and its assets from the gateway: public, strict CSP, cached by ETag, no inline script', async () => {
    const html = await http('GET', `${gw}/dashboard`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    const text = html.raw.toString('utf8');
    expect(text).toContain('电子监察驾驶舱');
    const scripts = [...text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((s) => s[1].match(/src="([^"]+)"/)?.[1])).toEqual([
      '/dashboard/echarts.min.js',
      '/dashboard/app.js',
    ]);
    expect(scripts.every((s) => s[2].trim() === '')).toBe(true);
    expect(text).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
    for (const [path, type] of [
      ['/dashboard/app.js', 'text/javascript; charset=utf-8'],
      ['/dashboard/echarts.min.js', 'text/javascript; charset=utf-8'],
      ['/dashboard/dashboard.css', 'text/css; charset=utf-8'],
      ['/dashboard/favicon.svg', 'image/svg+xml'],
    ]) {
      const r = await http('GET', `${gw}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      expect([path, r.status, r.headers.get('content-type')]).toEqual([path, 200, type]);
      const etag = r.headers.get('etag')!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(r.headers.get('cache-control')).toMatch(/no-cache|max-age=\d+/);
      const again = await http('GET', `${gw}${path}`, { headers: { 'if-none-match': etag } });
      expect([path, again.status, again.raw.length]).toEqual([path, 304, 0]);
    }
    // ECharts is the npm package's build, gzip-compressed on the wire when the client accepts it.
    const raw = await fetch(`${gw}/dashboard/echarts.min.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(raw.headers.get('content-encoding')).toBe('gzip');
    const plain = await http('GET', `${gw}/dashboard/echarts.min.js`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.raw.toString('utf8')).toContain('echarts');
  });

  it('shows a supervisor every department and exactly the API’s numbers (screenshot to docs/dashboard.png)', async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: run bash scripts/ensure-system-deps.sh (Debian's chromium)`);
    }
    userDataDir = mkdtempSync(join(tmpdir(), `dashboard-chromium-${run}-`));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    // CSP violations are reported to the page; listen from before any of its scripts run.
    await context.addInitScript({
      content:
        'window.__csp = []; document.addEventListener("securitypolicyviolation", ' +
        '(e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));',
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      // A refused token is an expected 401/403 console line; anything else is a page error.
      if (m.type() === 'error' && !/status of 40[13]/.test(m.text())) pageErrors.push(m.text());
    });

    await page.goto(`${gw}/dashboard`);
    await page.waitForSelector('body[data-state="signed-out"]');
    expect(await page.isVisible('#signin-form')).toBe(true);

    // Refusals, in Chinese: not a JWT; a token that does not verify (401); a role without access (403).
    await signIn('not-a-token');
    await page.waitForSelector('body[data-state="signed-out-error"]');
    expect(await page.textContent('[data-testid="signin-error"]')).toContain('令牌格式不正确');
    await signIn(`${supervisor.slice(0, -6)}AAAAAA`);
    await page.waitForSelector('[data-testid="signin-error"]:has-text("401")');
    expect(await page.textContent('[data-testid="signin-error"]')).toContain('登录已失效或令牌无效');
    await signIn(clerkOf(SCJG.code));
    await page.waitForSelector('[data-testid="signin-error"]:has-text("403")');
    expect(await page.textContent('[data-testid="signin-error"]')).toContain('无权查看电子监察数据');
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.length)).toBe(0);

    await signIn(supervisor);
    await setPeriodAndWait();
    expect(
      await page.evaluate(() => (globalThis as any).sessionStorage.getItem('supervision-dashboard-token')),
    ).toBe(supervisor);
    expect(await page.textContent('[data-testid="scope"]')).toBe('监察范围：全部部门');
    expect(await page.textContent('#who-name')).toBe('监察员陈一');

    const expected = await expectedFor(supervisor);
    const actual = await shown();
    expect(actual).toEqual(expected);
    // Both departments and the scenario's cases are on the page.
    expect(actual[`satisfaction-${RS.code}-value`]).toBe('100.00%');
    expect(actual[`satisfaction-${SCJG.code}-value`]).toBe('0.00%');
    expect(actual['lightcount-POST_CHECK-red']).toBe('1');
    expect(actual['lightcount-CASE_PROMISE-yellow']).toBe('1');
    expect(Object.values(actual)).toContain(cases.inApproval);
    // The overdue 事后核查 (due 10 calendar days ago) shows as overdue by working days.
    expect(Object.values(actual).filter((v) => /^逾期 \d+ 个工作日$/.test(v))).toHaveLength(1);
    expect(actual['escalations-status-OPEN']).toBe('1');
    expect(actual['metric-atMostOneVisitRate-value']).toBe('100.00%');
    expect(Object.values(actual)).toContain(cases.decided);
    // The charts drew on their canvases.
    expect(await page.$$eval('.chart canvas', (c) => c.length)).toBeGreaterThanOrEqual(3);

    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('shows a department head their own department only, with the same numbers as the API gives them', async () => {
    await page.click('#sign-out');
    await page.waitForSelector('body[data-state="signed-out"]');
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.length)).toBe(0);
    await signIn(scjgHead);
    await setPeriodAndWait();
    expect(await page.textContent('[data-testid="scope"]')).toBe(
      `监察范围：本部门 ${SCJG.name}（${SCJG.code}）`,
    );

    const expected = await expectedFor(scjgHead);
    const actual = await shown();
    expect(actual).toEqual(expected);
    expect(actual[`satisfaction-${SCJG.code}-ratings`]).toBe('1');
    expect(Object.keys(actual).filter((k) => k.includes(RS.code))).toEqual([]);
    expect(Object.values(actual)).not.toContain(cases.immediate);
    expect(actual['metric-satisfactionRate-denominator']).toBe('1');
    expect(actual['escalations-total']).toBe('1');

    expect(await page.evaluate(() => (globalThis as any).__csp)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
