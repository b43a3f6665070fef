import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS } from '../../libs/shared/src/contracts/topics';
import { isValidLicenceId } from '../../libs/shared/src/identifiers';
import { testEnv, testToken } from '../../libs/shared/src/testing/test-env';
import { testWorkCalendar } from '../../libs/shared/src/testing/work-calendar.fixture';
import { EventCollector } from '../../libs/shared/src/testing/event-collector';
import { waitFor } from '../../libs/shared/src/testing/wait-for';
import { http } from '../support/http';
import { companyUscc } from '../support/identities';
import { fetchMergedDocument, operationsOf } from '../support/openapi';
import { Platform, startPlatform } from '../support/platform';

/**
 * The whole case, five services as five OS processes on their own ports, driven through the gateway only:
 * 申请 → 受理 → 审批 (3 steps) → 电子证照 → 办结 → 好差评, every step over real Kafka, asserted with an
 * independent consumer (payloads and CloudEvents headers); the licence verifies, its QR decodes, and a
 * tampered licence fails verification. Bad input at the gateway gets 4xx with stable codes and writes nothing.
 */
const SCJG = '113301000024901620'; // 杭州市市场监督管理局 (seeded items' department)

describe('one case end to end through the gateway (5 processes, real Kafka/PostgreSQL/Redis)', () => {
  const env = testEnv();
  const run = randomBytes(3).toString('hex');
  // A fresh 行政区划 per run: case numbers restart with each fresh database but the broker keeps history.
  const region = String(100000 + Math.floor(Math.random() * 900000));
  let platform: Platform | undefined;
  const collector = new EventCollector(env.kafkaBrokers, Object.values(TOPICS));
  let gw = '';
  const applicant = testToken({ sub: `citizen-${run}`, roles: ['applicant'], name: '张三' });
  const otherApplicant = testToken({ sub: `citizen-other-${run}`, roles: ['applicant'] });
  const clerk = testToken({ sub: `clerk-${run}`, roles: ['clerk'], name: '窗口王五', dept: SCJG });
  const approver = testToken({ sub: `approver-${run}`, roles: ['approver'], name: '审批赵六', dept: SCJG });
  // 承办 / 审核 / 批准 by three people of the same department (separation of duties).
  const approvers = [
    approver,
    testToken({ sub: `approver-2-${run}`, roles: ['approver'], name: '审核钱七', dept: SCJG }),
    testToken({ sub: `approver-3-${run}`, roles: ['approver'], name: '批准孙八', dept: SCJG }),
  ];
  const partner = testToken({ sub: `partner-${run}`, roles: ['partner'], name: '税务局接口' });
  const admin = testToken({ sub: `admin-${run}`, roles: ['admin'] });

  beforeAll(async () => {
    [platform] = await Promise.all([startPlatform(run, { region }), collector.start()]);
    gw = platform.gw;
  });

  afterAll(async () => {
    await collector.stop();
    await platform?.stop();
  });

  let itemCode = '';
  const applicantUscc = companyUscc();
  const application = () => ({
    itemCode,
    applicant: {
      userProp: '2',
      name: '杭州某某餐饮管理有限公司',
      certType: '001',
      certNo: applicantUscc,
      phone: '13800138000',
    },
    formData: {
      premises: '杭州市西湖区文三路 100 号',
      businessScope: '热食类食品制售',
      legalRepresentative: '张三',
    },
    materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, fileName: `${code}.pdf` })),
    submitChannel: '1',
  });

  async function caseCount(): Promise<number> {
    const r = await http('GET', `${gw}/api/v1/applications?pageSize=1`, { token: admin });
    expect(r.status).toBe(200);
    return r.body.total as number;
  }

  it('serves the seeded catalog publicly', async () => {
    const r = await http('GET', `${gw}/api/v1/items?pageSize=100`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBeGreaterThanOrEqual(8);
    const depts = new Set(r.body.items.map((i: { deptCode: string }) => i.deptCode));
    expect(depts.size).toBeGreaterThanOrEqual(4);
    const food = r.body.items.find((i: { name: string }) => i.name === '食品经营许可');
    expect(food).toMatchObject({
      taskType: '01',
      projectType: '2',
      result: { licenceTypeName: '食品经营许可证' },
    });
    itemCode = food.taskCode;
  });

  it('rejects bad input with stable 4xx codes and writes nothing', async () => {
    const before = await caseCount();
    const post = (opts: Parameters<typeof http>[2]) => http('POST', `${gw}/api/v1/applications`, opts);
    const malformed = await post({ token: applicant, rawBody: '{"itemCode": ' });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'MALFORMED_JSON']);
    const wrongTypes = await post({
      token: applicant,
      body: { ...application(), materials: 'all of them', applicant: { userProp: 2 } },
    });
    expect([wrongTypes.status, wrongTypes.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(JSON.stringify(wrongTypes.body.details)).toContain('materials');
    const unknownField = await post({ token: applicant, body: { ...application(), hack: true } });
    expect([unknownField.status, unknownField.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badId = await post({
      token: applicant,
      body: {
        ...application(),
        applicant: {
          ...application().applicant,
          certNo: applicantUscc.slice(0, 17) + (applicantUscc[17] === '0' ? '1' : '0'),
        },
      },
    });
    expect([badId.status, badId.body.code]).toEqual([400, 'INVALID_ID_NUMBER']);
    const personBadId = await post({
      token: applicant,
      body: {
        ...application(),
        applicant: { userProp: '1', name: '张三', certType: '111', certNo: '110101199003071234' },
      },
    });
    expect(personBadId.status).toBeGreaterThanOrEqual(400);
    expect(personBadId.status).toBeLessThan(500);
    const unknownItem = await post({
      token: applicant,
      body: { ...application(), itemCode: 'NO-SUCH-ITEM' },
    });
    expect([unknownItem.status, unknownItem.body.code]).toEqual([404, 'ITEM_NOT_FOUND']);
    // Missing materials are no refusal online any more (the 预审 names them in a notice); an unknown one is.
    const unknownMaterial = await post({
      token: applicant,
      body: { ...application(), materials: [{ code: 'M99', fileName: 'a.pdf' }] },
    });
    expect([unknownMaterial.status, unknownMaterial.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const huge = await post({
      token: applicant,
      body: { ...application(), formData: { premises: 'x'.repeat(70_000) } },
    });
    expect([huge.status, huge.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const noToken = await post({ body: application() });
    expect([noToken.status, noToken.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    const badToken = await post({ token: `${applicant.slice(0, -4)}AAAA`, body: application() });
    expect([badToken.status, badToken.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    const wrongRole = await post({ token: clerk, body: application() });
    expect([wrongRole.status, wrongRole.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(wrongRole.body.correlationId).toEqual(expect.any(String));
    expect(await caseCount()).toBe(before);
  });

  it('drives one case from application to licence and rating over Kafka', async () => {
    const correlationId = `e2e-${run}-${randomUUID().slice(0, 8)}`;
    const t0 = Date.now();
    const body = application();
    const idempotencyKey = randomUUID();
    const submitted = await http('POST', `${gw}/api/v1/applications`, {
      token: applicant,
      body,
      headers: { 'x-correlation-id': correlationId, 'idempotency-key': idempotencyKey },
    });
    expect(submitted.status).toBe(201);
    expect(submitted.headers.get('x-correlation-id')).toBe(correlationId);
    const caseNo: string = submitted.body.caseNo;
    // The app retries (say after a timeout): the same case comes back, nothing is created twice.
    const retried = await http('POST', `${gw}/api/v1/applications`, {
      token: applicant,
      body,
      headers: { 'idempotency-key': idempotencyKey },
    });
    expect([retried.status, retried.body.caseNo, retried.headers.get('idempotent-replayed')]).toEqual([
      201,
      caseNo,
      'true',
    ]);
    expect(caseNo).toMatch(new RegExp(`^${region}\\d{8}\\d{6}$`));
    expect(submitted.body.status).toBe('SUBMITTED');

    const ev = (topic: string) =>
      collector.waitForMessage(
        topic,
        (m) => m.key === caseNo || (m.value as { caseNo?: string })?.caseNo === caseNo,
        60_000,
      );

    const sub = await ev(TOPICS.APPLICATION_SUBMITTED);
    expect(sub.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'intake.application.submitted',
      ce_source: '/gov-platform/intake',
      ce_subject: caseNo,
      ce_dataschema: expect.stringContaining(TOPICS.APPLICATION_SUBMITTED),
      'content-type': 'application/json',
      'x-correlation-id': correlationId,
    });
    expect(sub.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sub.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(new Date(sub.headers.ce_time).getTime()).toBeGreaterThan(t0 - 60_000);
    expect(sub.key).toBe(caseNo);
    expect(sub.value).toMatchObject({
      caseNo,
      itemCode,
      applicant: { certType: '001', certMasked: applicantUscc },
    });

    // Another applicant cannot see it; a clerk of another department cannot accept it.
    expect((await http('GET', `${gw}/api/v1/applications/${caseNo}`, { token: otherApplicant })).status).toBe(
      404,
    );
    // Another department's case does not exist for its clerk (404, not 403: docs/architecture.md).
    const foreignClerk = testToken({ sub: 'clerk-x', roles: ['clerk'], dept: '11330100002491026R' });
    const foreign = await http('POST', `${gw}/api/v1/applications/${caseNo}/accept`, {
      token: foreignClerk,
      body: {},
    });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'CASE_NOT_FOUND']);

    const accepted = await http('POST', `${gw}/api/v1/applications/${caseNo}/accept`, {
      token: clerk,
      body: { remark: '材料齐全，予以受理' },
    });
    expect(accepted.status).toBe(200);
    const acc = await ev(TOPICS.APPLICATION_ACCEPTED);
    // 承诺办结日期: 5 working days (食品经营许可) after the Asia/Shanghai date of 受理.
    const acceptedAt = new Date((acc.value as { acceptedAt: string }).acceptedAt);
    expect(accepted.body.acceptance).toMatchObject({
      acceptDocNo: expect.any(String),
      promiseDate: testWorkCalendar().dueDate(acceptedAt, 5, '1').dueDate,
    });
    expect(acc.value).toMatchObject({
      caseNo,
      promiseUnit: '1',
      promiseLimit: 5,
      licence: { typeName: '食品经营许可证' },
    });
    const again = await http('POST', `${gw}/api/v1/applications/${caseNo}/accept`, {
      token: clerk,
      body: {},
    });
    expect([again.status, again.body.code]).toEqual([409, 'INVALID_STATE']);

    const opened = await ev(TOPICS.APPROVAL_CASE_OPENED);
    expect(opened.headers.ce_source).toBe('/gov-platform/approval');
    // The correlation id follows the work across services: the clerk's accept request → accepted → opened.
    expect(opened.headers['x-correlation-id']).toBe(acc.headers['x-correlation-id']);
    expect(acc.headers['x-correlation-id']).toBe(accepted.headers.get('x-correlation-id'));
    expect(
      (
        await http('POST', `${gw}/api/v1/approvals/${caseNo}/decision`, {
          token: applicant,
          body: { stepNo: 1, decision: 'approve', opinion: '同意' },
        })
      ).status,
    ).toBe(403);
    const badDecision = await http('POST', `${gw}/api/v1/approvals/${caseNo}/decision`, {
      token: approver,
      body: { decision: 'maybe', opinion: '' },
    });
    expect([badDecision.status, badDecision.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    for (const [i, opinion] of ['承办意见：材料符合要求', '审核意见：同意', '批准：准予许可'].entries()) {
      const d = await http('POST', `${gw}/api/v1/approvals/${caseNo}/decision`, {
        token: approvers[i],
        body: { stepNo: i + 1, decision: 'approve', opinion },
      });
      expect(d.status).toBe(200);
    }
    await waitFor(
      () => collector.find(TOPICS.APPROVAL_STEP_COMPLETED, (m) => m.key === caseNo).length === 3 || undefined,
      { timeoutMs: 30_000, description: '3 step events' },
    );
    const approved = await ev(TOPICS.APPROVAL_CASE_APPROVED);
    expect(approved.value).toMatchObject({ caseNo, licence: { typeCode: '111000000000135652001' } });

    // Every platform on the shared broker consumes every approval: another run's certificate service may
    // issue a licence for this case number too. Ours is the one signed with this platform's key.
    const issued = await collector.waitForMessage(
      TOPICS.LICENCE_ISSUED,
      (m) => {
        const v = m.value as { caseNo?: string; kid?: string };
        return v.caseNo === caseNo && v.kid === platform!.signingKeyId;
      },
      60_000,
    );
    const issuedMs = Date.now() - t0;
    const licenceId: string = (issued.value as { licenceId: string }).licenceId;
    expect(isValidLicenceId(licenceId)).toBe(true);
    expect(issued.key).toBe(licenceId);
    expect(issued.headers).toMatchObject({
      ce_type: 'certificate.licence.issued',
      ce_subject: licenceId,
      ce_source: '/gov-platform/certificate',
    });

    const completed = await ev(TOPICS.CASE_COMPLETED);
    expect(completed.value).toMatchObject({ caseNo, doneResult: '0', licenceId });
    const done = await waitFor(async () => {
      const r = await http('GET', `${gw}/api/v1/applications/${caseNo}`, { token: applicant });
      return r.body.status === 'DONE' ? r : undefined;
    });
    expect(done.body).toMatchObject({ licenceId, proStatus: '3', done: { doneResult: '0' } });
    const timeline = await http('GET', `${gw}/api/v1/applications/${caseNo}/timeline`, { token: applicant });
    expect(timeline.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'SUBMITTED',
        'ACCEPTED',
        'APPROVAL_OPENED',
        'STEP_COMPLETED',
        'APPROVED',
        'LICENCE_ISSUED',
        'DONE',
      ]),
    );

    // The licence: read with a purpose (logged), PDF with a QR that decodes and verifies.
    expect((await http('GET', `${gw}/api/v1/licences/${licenceId}`, { token: partner })).status).toBe(400); // purpose required
    expect(
      (
        await http(
          'GET',
          `${gw}/api/v1/licences/${licenceId}?purpose=${encodeURIComponent('税务登记核验')}`,
          { token: applicant },
        )
      ).status,
    ).toBe(403);
    const info = await http(
      'GET',
      `${gw}/api/v1/licences/${licenceId}?purpose=${encodeURIComponent('税务登记核验')}`,
      { token: partner },
    );
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      licenceId,
      status: 'ISSUED',
      holder: { name: '杭州某某餐饮管理有限公司' },
      signature: { algorithm: 'SM2-SM3' },
    });
    const pdf = await http(
      'GET',
      `${gw}/api/v1/licences/${licenceId}/file?purpose=${encodeURIComponent('税务登记核验')}`,
      { token: partner },
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'licence-'));
    writeFileSync(join(dir, 'l.pdf'), pdf.raw);
    const text = execFileSync('pdftotext', [join(dir, 'l.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('食品经营许可证');
    expect(text).toContain('杭州某某餐饮管理有限公司');
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir, 'l.pdf'), join(dir, 'page')]);
    const qr = execFileSync('zbarimg', ['--raw', '-q', join(dir, 'page.png')], { encoding: 'utf8' }).trim();
    expect(qr.startsWith(`${gw}/api/v1/verify/`)).toBe(true);
    const verified = await http('GET', qr);
    expect(verified.body).toMatchObject({
      valid: true,
      licence: { licenceId, status: 'ISSUED', version: '001' },
    });

    const fileOk = await http('POST', `${gw}/api/v1/verify/file`, {
      rawBody: pdf.raw,
      contentType: 'application/pdf',
    });
    expect(fileOk.body).toMatchObject({ valid: true, licence: { licenceId } });
    const tampered = Buffer.from(pdf.raw);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    const fileBad = await http('POST', `${gw}/api/v1/verify/file`, {
      rawBody: tampered,
      contentType: 'application/pdf',
    });
    expect(fileBad.body).toMatchObject({ valid: false, reason: 'FILE_NOT_ISSUED' });
    const token = qr.slice(qr.lastIndexOf('/') + 1);
    const sig = token.slice(token.lastIndexOf('.') + 1);
    const head = token.slice(0, token.lastIndexOf('.') + 1);
    const flip = (c: string) => (c === 'A' ? 'B' : 'A');
    for (const at of [0, 20]) {
      const badToken = `${head}${sig.slice(0, at)}${flip(sig[at])}${sig.slice(at + 1)}`;
      const tokenBad = await http('GET', `${gw}/api/v1/verify/${badToken}`);
      expect(tokenBad.body).toMatchObject({ valid: false, reason: 'BAD_SIGNATURE' });
    }
    const keys = await http('GET', `${gw}/api/v1/keys`);
    expect(keys.body.keys[0].publicKeyPem).toContain('BEGIN PUBLIC KEY');
    // Public verifications are logged in batches (every PUBLIC_LOG_FLUSH_MS): poll until they are in.
    const usage = await waitFor(
      async () => {
        const r = await http('GET', `${gw}/api/v1/licences/${licenceId}/usage`, { token: admin });
        const actions = new Set(r.body.entries?.map((e: { action: string }) => e.action));
        return ['VERIFY_QR', 'VERIFY_FILE'].every((a) => actions.has(a)) ? r : undefined;
      },
      { timeoutMs: 15_000, description: 'the public verifications in the usage log' },
    ).catch(() => http('GET', `${gw}/api/v1/licences/${licenceId}/usage`, { token: admin }));
    expect(usage.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['QUERY', 'DOWNLOAD', 'VERIFY_QR', 'VERIFY_FILE']),
    );

    // 好差评: the applicant rates the completed case; a bad grade opens a rectification work order.
    const rated = await waitFor(async () => {
      const r = await http('POST', `${gw}/api/v1/reviews`, {
        token: applicant,
        body: { caseNo, satisfaction: 2, pf: '1', comment: '等待时间较长' },
      });
      return r.status === 201
        ? r
        : r.status === 409 && r.body.code === 'CASE_NOT_RATABLE'
          ? undefined
          : Promise.reject(new Error(JSON.stringify(r.body)));
    });
    expect(rated.status).toBe(201);
    const review = await ev(TOPICS.REVIEW_SUBMITTED);
    expect(review.value).toMatchObject({ caseNo, satisfaction: 2, pf: '1' });
    const bad = await ev(TOPICS.BAD_REVIEW_OPENED);
    expect(bad.value).toMatchObject({ caseNo, satisfaction: 2 });
    const twice = await http('POST', `${gw}/api/v1/reviews`, {
      token: applicant,
      body: { caseNo, satisfaction: 5, pf: '1' },
    });
    expect([twice.status, twice.body.code]).toEqual([409, 'ALREADY_RATED']);

    // Every event of this case carries the full CloudEvents envelope, keyed by the case number
    // (licence events by the licence identifier), and is unique by ce_id.
    const ofCase = collector.messages.filter((m) => m.key === caseNo || m.key === licenceId);
    expect(new Set(ofCase.map((m) => m.topic))).toEqual(
      new Set([
        TOPICS.APPLICATION_SUBMITTED,
        TOPICS.APPLICATION_ACCEPTED,
        TOPICS.APPROVAL_CASE_OPENED,
        TOPICS.APPROVAL_STEP_COMPLETED,
        TOPICS.APPROVAL_CASE_APPROVED,
        TOPICS.LICENCE_ISSUED,
        TOPICS.CASE_COMPLETED,
        TOPICS.REVIEW_SUBMITTED,
        TOPICS.BAD_REVIEW_OPENED,
      ]),
    );
    for (const m of ofCase) {
      expect(m.headers).toMatchObject({
        ce_specversion: '1.0',
        ce_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ce_source: expect.stringMatching(/^\/gov-platform\/(intake|approval|certificate|evaluation)$/),
        ce_type: m.topic.replace(/\.v1$/, ''),
        ce_time: expect.any(String),
        ce_subject: m.key,
        ce_dataschema: expect.stringContaining(m.topic),
        'content-type': 'application/json',
        traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/),
        'x-correlation-id': expect.any(String),
      });
    }
    expect(new Set(ofCase.map((m) => m.headers.ce_id)).size).toBe(ofCase.length);
    // The retried submission produced no second event.
    expect(ofCase.filter((m) => m.topic === TOPICS.APPLICATION_SUBMITTED)).toHaveLength(1);
    console.log(`[e2e] case ${caseNo}: submit → licence issued in ${issuedMs} ms (incl. 3 approval calls)`);
  });

  it('serves Swagger UI and the merged OpenAPI document of all four services at /docs', async () => {
    const ui = await http('GET', `${gw}/docs`);
    expect(ui.status).toBe(200);
    // The gateway builds /docs-json from the services' own documents once each has answered.
    const doc = await fetchMergedDocument(gw);
    // The exact set of operations and their access is routes.e2e-spec.ts's concern; here: all of these are in.
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/items',
        '/api/v1/items/{itemCode}',
        '/api/v1/applications',
        '/api/v1/applications/{caseNo}',
        '/api/v1/applications/{caseNo}/timeline',
        '/api/v1/applications/{caseNo}/accept',
        '/api/v1/applications/{caseNo}/reject',
        '/api/v1/approvals',
        '/api/v1/approvals/{caseNo}',
        '/api/v1/approvals/{caseNo}/decision',
        '/api/v1/licences/{licenceId}',
        '/api/v1/licences/{licenceId}/file',
        '/api/v1/licences/{licenceId}/usage',
        '/api/v1/verify/{token}',
        '/api/v1/verify/file',
        '/api/v1/keys',
        '/api/v1/reviews',
        '/api/v1/reviews/{caseNo}',
        '/api/v1/bad-reviews',
      ]),
    );
    // Operations without any input (no parameter, no body) have nothing to refuse with a 400.
    const NO_400: Record<string, string> = { 'GET /api/v1/keys': 'no parameters, no body: no client error' };
    const ops = operationsOf(doc);
    const problems: string[] = [];
    for (const { key, op } of ops) {
      if (typeof op['x-public'] !== 'boolean') problems.push(`${key}: x-public missing`);
      if (!Array.isArray(op['x-roles'])) problems.push(`${key}: x-roles missing`);
      if (typeof op['x-upstream'] !== 'string') problems.push(`${key}: x-upstream missing`);
      const responses = Object.entries(op.responses ?? {});
      const ok = responses.filter(([status]) => /^2\d\d$/.test(status));
      if (ok.length === 0) problems.push(`${key}: no 2xx response`);
      for (const [status, r] of ok) {
        const content = Object.entries(r.content ?? {});
        if (content.length === 0 || content.some(([, c]) => !c.schema)) {
          problems.push(`${key}: ${status} without a content schema`);
        }
      }
      const bad = op.responses?.['400'];
      if (key in NO_400) {
        if (bad) problems.push(`${key}: documents a 400 though listed as an exception (update NO_400)`);
      } else if (!bad?.content?.['application/json']?.schema) {
        problems.push(`${key}: no 400 response with a JSON error schema`);
      }
    }
    expect(problems).toEqual([]);
    expect(ops.length).toBeGreaterThanOrEqual(20); // GET and POST /api/v1/applications share a path
  });

  it('keeps a natural person’s ID number out of events and logs', async () => {
    const idNo = '11010519491231002X'; // the GB 11643 example number (valid check character)
    const items = await http('GET', `${gw}/api/v1/items?keyword=${encodeURIComponent('二手房')}`);
    const house = items.body.items[0];
    expect(house.serverTypes).toContain('1');
    const r = await http('POST', `${gw}/api/v1/applications`, {
      token: applicant,
      body: {
        itemCode: house.taskCode,
        applicant: { userProp: '1', name: '李四', certType: '111', certNo: idNo, phone: '13912345678' },
        formData: {
          location: '杭州市西湖区某小区 1 幢 101 室',
          unitNo: '330106001001GB00001F00010101',
          area: '89.5',
          usage: '住宅',
        },
        materials: ['M01', 'M02', 'M03', 'M04', 'M05'].map((code) => ({ code, fileName: `${code}.pdf` })),
      },
    });
    expect(r.status).toBe(201);
    expect(r.body.applicant.certNo).toBe('110105********002X');
    const ev = await collector.waitForMessage(
      TOPICS.APPLICATION_SUBMITTED,
      (m) => m.key === r.body.caseNo,
      30_000,
    );
    expect(JSON.stringify(ev.value)).not.toContain(idNo);
    expect(ev.value).toMatchObject({
      applicant: { certMasked: '110105********002X', certHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    for (const s of platform!.services) {
      const log = readFileSync(s.logFile, 'utf8');
      expect(log).not.toContain(idNo);
      expect(log).not.toContain('13912345678');
    }
  });
});
