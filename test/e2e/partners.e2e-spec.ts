import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { sm2 } from 'sm-crypto-v2';
import { ProvinceStandIn } from '../../apps/gateway/test/province-stand-in';
import { TOPICS } from '../../libs/shared/src/contracts/topics';
import { testToken } from '../../libs/shared/src/testing/test-env';
import { waitFor } from '../../libs/shared/src/testing/wait-for';
import { handleCaseAsStaff } from '../support/case-flow';
import { http } from '../support/http';
import { companyUscc } from '../support/identities';
import { Platform, startPlatform } from '../support/platform';

/**
 * A partner department's view of one case, through the gateway only: its webhook receives the case's life
 * (signed per Standard Webhooks, each signature verified here, de-duplicated by webhook-id), the provincial
 * platform (a stand-in that verifies our SM2 signature, decrypts `params` and checks field names and codes)
 * receives the case's 办件 records and its 好差评 in order, and the partner's 证照共享 client queries and
 * verifies the licence in the provincial envelope.
 */
const SCJG = '113301000024901620';
const CASE_TOPICS = [
  TOPICS.APPLICATION_SUBMITTED,
  TOPICS.APPLICATION_ACCEPTED,
  TOPICS.APPROVAL_CASE_APPROVED,
  TOPICS.LICENCE_ISSUED,
  TOPICS.CASE_COMPLETED,
];

interface Received {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** A partner's webhook endpoint: keeps the deliveries whose signature verifies, once per webhook-id. */
class Receiver {
  readonly got = new Map<string, Received>();
  readonly badSignatures: string[] = [];
  secret = '';
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.read(req).then((body) => {
        if (this.verify(req, body)) {
          const id = String(req.headers['webhook-id']);
          const p = JSON.parse(body) as { type: string; data: Record<string, unknown> };
          if (!this.got.has(id)) this.got.set(id, { id, type: p.type, data: p.data });
        } else {
          this.badSignatures.push(String(req.headers['webhook-id']));
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  stop(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private read(req: IncomingMessage): Promise<string> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  }

  /** Standard Webhooks: v1,base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")), timestamp within 5 min. */
  private verify(req: IncomingMessage, body: string): boolean {
    const id = req.headers['webhook-id'];
    const ts = Number(req.headers['webhook-timestamp']);
    const sigs = String(req.headers['webhook-signature'] ?? '').split(' ');
    if (typeof id !== 'string' || !Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > 300) {
      return false;
    }
    const key = Buffer.from(this.secret.replace(/^whsec_/, ''), 'base64');
    const want = Buffer.from(
      `v1,${createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64')}`,
    );
    return sigs.some((s) => Buffer.from(s).length === want.length && timingSafeEqual(Buffer.from(s), want));
  }
}

describe('a partner department follows a case by webhook and checks its licence through 证照共享', () => {
  const run = randomBytes(3).toString('hex');
  let platform: Platform | undefined;
  let gw = '';
  const receiver = new Receiver();
  const ours = sm2.generateKeyPairHex();
  const province = new ProvinceStandIn(ours.publicKey, 'e2e-app-word');
  const applicant = testToken({ sub: `citizen-${run}`, roles: ['applicant'], name: '张三' });
  const admin = testToken({ sub: `admin-${run}`, roles: ['admin'] });
  const holder = companyUscc();
  let hookUrl = '';

  beforeAll(async () => {
    hookUrl = await receiver.start();
    await province.start();
    platform = await startPlatform(run, {
      logLevel: 'warn',
      gatewayEnv: {
        // the receiver runs on this machine over http: both allowed explicitly (never by default)
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOW_PRIVATE_TARGETS: '127.0.0.0/8',
        WEBHOOK_DISPATCH_INTERVAL_MS: '200',
        EXCHANGE_ENABLED: 'true',
        EXCHANGE_BASE_URL: province.url,
        EXCHANGE_APP_MARK: 'e2e-gateway',
        EXCHANGE_APP_WORD: 'e2e-app-word',
        EXCHANGE_SM2_PRIVATE_KEY: ours.privateKey,
        EXCHANGE_PROVINCE_PUBLIC_KEY: province.keys.publicKey,
        EXCHANGE_DISPATCH_INTERVAL_MS: '100',
        EXCHANGE_SETTLE_MS: '500',
      },
    });
    gw = platform.gw;
  });

  afterAll(async () => {
    await platform?.stop();
    await receiver.stop();
    await province.stop();
  });

  it('delivers the case’s life to the subscribed partner, signed, and serves its licence to the partner', async () => {
    // 1. an admin subscribes the partner to the department's case events (a private URL is refused)
    const refused = await http('POST', `${gw}/api/v1/webhooks/subscriptions`, {
      token: admin,
      body: { partnerName: '市税务局', targetUrl: 'http://10.1.2.3/hooks', eventTypes: CASE_TOPICS },
    });
    expect([refused.status, refused.body.code]).toEqual([400, 'WEBHOOK_TARGET_FORBIDDEN']);
    const sub = await http('POST', `${gw}/api/v1/webhooks/subscriptions`, {
      token: admin,
      body: { partnerName: '市税务局', targetUrl: hookUrl, eventTypes: CASE_TOPICS, deptCodes: [SCJG] },
    });
    expect(sub.status).toBe(201);
    receiver.secret = sub.body.secret as string;

    // 2. one whole case: submit → 受理 → three steps → licence → 办结
    const items = await http('GET', `${gw}/api/v1/items?pageSize=100`, { token: applicant });
    const food = (items.body.items as Array<{ name: string; taskCode: string }>).find(
      (i) => i.name === '食品经营许可',
    )!.taskCode;
    const submitted = await http('POST', `${gw}/api/v1/applications`, {
      token: applicant,
      body: {
        itemCode: food,
        applicant: { userProp: '2', name: '杭州伙伴测试餐饮有限公司', certType: '001', certNo: holder },
        formData: {
          premises: '杭州市西湖区文三路 100 号',
          businessScope: '热食类',
          legalRepresentative: '张三',
        },
        materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, fileName: `${code}.pdf` })),
        submitChannel: '1',
      },
    });
    expect(submitted.status).toBe(201);
    const caseNo = submitted.body.caseNo as string;
    const { done } = await handleCaseAsStaff(gw, { run, applicantToken: applicant, caseNo });
    const licenceId = done.licenceId!;
    expect(licenceId).toEqual(expect.any(String));

    // 3. the webhook got each of the case's events once, every signature valid
    const ofCase = () =>
      [...receiver.got.values()].filter((r) => r.data.caseNo === caseNo).map((r) => r.type);
    await waitFor(() => (ofCase().length === CASE_TOPICS.length ? true : undefined), {
      timeoutMs: 60_000,
      description: 'every event of the case at the partner',
    });
    expect(ofCase().sort()).toEqual([...CASE_TOPICS].sort());
    expect(receiver.badSignatures).toEqual([]);
    const issued = [...receiver.got.values()].find((r) => r.type === TOPICS.LICENCE_ISSUED)!;
    expect(issued.data).toMatchObject({ licenceId, caseNo });
    // the delivery log says so too (a delivery is marked once the partner's answer is in)
    await waitFor(
      async () => {
        const log = await http(
          'GET',
          `${gw}/api/v1/webhooks/subscriptions/${sub.body.id}/deliveries?state=DELIVERED`,
          { token: admin },
        );
        expect(log.status).toBe(200);
        return (log.body.total as number) >= CASE_TOPICS.length ? true : undefined;
      },
      { timeoutMs: 30_000, description: 'the deliveries logged as DELIVERED' },
    );

    // 4. the provincial platform got the case's 办件 records in order, then its 好差评 service record and
    //    the rating, every envelope signed, encrypted and with the national field names and codes
    const rated = await http('POST', `${gw}/api/v1/reviews`, {
      token: applicant,
      body: { caseNo, satisfaction: 5, pf: '1' },
    });
    expect(rated.status).toBe(201);
    await waitFor(() => (province.accepted(caseNo).some((r) => r.kind === 'evaluate') ? true : undefined), {
      timeoutMs: 60_000,
      description: 'the rating at the province',
    });
    const kinds = province.accepted(caseNo).map((r) => r.kind);
    expect(kinds[0]).toBe('up_pro_accept');
    expect(kinds).toEqual(expect.arrayContaining(['up_pro_process', 'up_pro_result', 'projectService']));
    expect(kinds.indexOf('up_pro_result')).toBeGreaterThan(kinds.lastIndexOf('up_pro_process'));
    expect(kinds.indexOf('evaluate')).toBeGreaterThan(kinds.indexOf('projectService'));
    expect(province.received.every((r) => r.verified)).toBe(true);
    expect(province.problems).toEqual([]);
    const result = province.accepted(caseNo).find((r) => r.kind === 'up_pro_result')!.record;
    expect(result).toMatchObject({ project_no: caseNo, result_type: '0', result_cetr_no: licenceId });

    // 5. 证照共享: the admin registers the partner's client for this licence type; the partner queries it
    const licence = await http(
      'GET',
      `${gw}/api/v1/licences/${licenceId}?purpose=${encodeURIComponent('登记证照共享客户端')}`,
      { token: admin },
    );
    expect(licence.status).toBe(200);
    const typeCode = (licence.body.type as { code: string }).code;
    const accessId = `tax${run}`;
    const client = await http('POST', `${gw}/api/v1/share-clients`, {
      token: admin,
      body: {
        accessId,
        name: '市税务局',
        deptCode: '11330100002491026R',
        deptName: '国家税务总局杭州市税务局',
        certTypeCodes: [typeCode],
        operations: ['queryCertInfo', 'verifyCertInfo', 'queryCertInfoByHolderCode'],
      },
    });
    expect(client.status).toBe(201);
    const share = (op: string, body: unknown) => http('POST', `${gw}/api/v1/share/${op}`, { body });
    const token = await share('getToken', { accessId, accessSecret: client.body.accessSecret });
    expect(token.body.head.status).toBe(0);
    const accessToken = token.body.data.accessToken as string;
    const useCause = '办理税务登记核验食品经营许可证';

    const bad = await share('queryCertInfo', {
      accessId,
      accessToken: 'not-a-token',
      data: { certIdentifier: licenceId, useCause },
    });
    expect([bad.status, bad.body.head.status]).toEqual([200, 11]);
    const malformed = await share('queryCertInfoByHolderCode', {
      accessId,
      accessToken,
      data: { holderCode: holder, holderTypeCode: 'XYZ', certTypeCode: typeCode, useCause },
    });
    expect(malformed.body.head.status).toBe(103);

    const q = await share('queryCertInfo', {
      accessId,
      accessToken,
      data: { certIdentifier: licenceId, useCause },
    });
    expect(q.body.head).toEqual({ status: 0, message: expect.any(String) });
    expect(q.body.data.certData).toMatchObject({
      cert_identifier: licenceId,
      certificate_holder_code: holder,
      status: '1',
    });
    const v = await share('verifyCertInfo', {
      accessId,
      accessToken,
      data: {
        certTypeCode: typeCode,
        certData: { holderCode: holder, holder: '杭州伙伴测试餐饮有限公司', certNo: licenceId },
        useCause,
      },
    });
    expect(v.body.head.status).toBe(0);
    expect(v.body.data).toMatchObject({ result: '0', cert_identifier: licenceId });

    // an admin sees the partner's uses in the licence's usage log
    const usage = await http('GET', `${gw}/api/v1/licences/${licenceId}/usage`, { token: admin });
    expect(usage.status).toBe(200);
    expect(
      (usage.body.entries as Array<{ requester: string; purpose: string }>).filter(
        (u) => u.requester === `share:${accessId}` && u.purpose === useCause,
      ).length,
    ).toBeGreaterThanOrEqual(2);
  });
});
