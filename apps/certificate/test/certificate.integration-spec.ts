import { sm2 } from 'sm-crypto-v2';
import { randomUUID } from 'node:crypto';
import { TOPICS, dlqOf } from '@app/shared/contracts';
import { isValidLicenceId } from '@app/shared/identifiers';
import {
  testToken,
  uniqueCaseNo,
  waitFor,
  ServiceUnderTest,
  startServiceUnderTest,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { CertificateConfig } from '../src/config/certificate.config';

/** Certificate service against the real PostgreSQL and Kafka: exactly one licence per approved case. */
describe('certificate service (integration)', () => {
  let t: ServiceUnderTest;
  const partner = testToken({ sub: 'partner-1', roles: ['partner'] });

  const approved = (caseNo: string, licence = true) => ({
    caseNo,
    itemCode: '113301000024901620000111203000001',
    itemName: '食品经营许可',
    deptCode: '113301000024901620',
    deptName: '杭州市市场监督管理局',
    approvalId: randomUUID(),
    applicant: {
      userProp: '2',
      name: '杭州测试餐饮有限公司',
      certType: '001',
      certMasked: '91330106MA2H00000X',
      certHash: 'a'.repeat(64),
    },
    licence: licence
      ? {
          typeCode: '111000000000135652001',
          typeName: '食品经营许可证',
          validYears: 5,
          faceFields: { 经营场所: '杭州市西湖区' },
        }
      : null,
    opinion: '准予许可',
    approvedAt: new Date().toISOString(),
  });

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, CertificateConfig, {
      service: 'certificate',
      topics: [TOPICS.LICENCE_ISSUED, dlqOf(TOPICS.APPROVAL_CASE_APPROVED)],
      env: {
        SIGNING_PRIVATE_KEY: sm2.generateKeyPairHex().privateKey,
        SIGNING_KEY_ID: 'it-1',
      },
    });
  });

  afterAll(() => t.stop());

  const licenceCount = async (caseNo: string) =>
    Number(
      (await t.pg.query<{ n: string }>('SELECT count(*) AS n FROM licences WHERE case_no = $1', [caseNo]))
        .rows[0].n,
    );

  it('issues exactly one licence when the same approval is delivered twice, and once more under a new event id', async () => {
    const caseNo = uniqueCaseNo();
    const payload = approved(caseNo);
    const id = await t.producer.send(TOPICS.APPROVAL_CASE_APPROVED, caseNo, payload);
    await t.producer.send(TOPICS.APPROVAL_CASE_APPROVED, caseNo, payload, { id });
    await t.producer.send(TOPICS.APPROVAL_CASE_APPROVED, caseNo, payload); // same case, new event id
    const issued = await t.collector.waitForMessage(
      TOPICS.LICENCE_ISSUED,
      (m) => (m.value as { caseNo: string }).caseNo === caseNo,
    );
    await waitFor(
      async () =>
        Number((await t.pg.query<{ n: string }>('SELECT count(*) AS n FROM processed_events')).rows[0].n) >=
          2 || undefined,
      { description: 'both event ids processed' },
    );
    expect(await licenceCount(caseNo)).toBe(1);
    expect(
      t.collector.find(TOPICS.LICENCE_ISSUED, (m) => (m.value as { caseNo: string }).caseNo === caseNo),
    ).toHaveLength(1);
    const licenceId = (issued.value as { licenceId: string }).licenceId;
    expect(isValidLicenceId(licenceId)).toBe(true);
    expect(licenceId).toContain(`.${caseNo}.001.`);

    const info = await fetch(
      `${t.svc.url}/licences/${licenceId}?purpose=${encodeURIComponent('集成测试核验')}`,
      {
        headers: { authorization: `Bearer ${partner}` },
      },
    );
    expect(info.status).toBe(200);
    const body = (await info.json()) as { signature: { kid: string }; holder: { name: string } };
    expect(body).toMatchObject({ signature: { kid: 'it-1' }, holder: { name: '杭州测试餐饮有限公司' } });
    const usage = await t.pg.query('SELECT action, purpose FROM licence_usage WHERE licence_id = $1', [
      licenceId,
    ]);
    expect(usage.rows).toEqual([{ action: 'QUERY', purpose: '集成测试核验' }]);
  });

  it('issues nothing for an approval without a licence', async () => {
    const caseNo = uniqueCaseNo();
    const id = await t.producer.send(TOPICS.APPROVAL_CASE_APPROVED, caseNo, approved(caseNo, false));
    await waitFor(
      async () =>
        (await t.pg.query('SELECT 1 FROM processed_events WHERE event_id = $1', [id])).rowCount === 1 ||
        undefined,
      { description: 'event processed' },
    );
    expect(await licenceCount(caseNo)).toBe(0);
  });

  it('dead-letters a poison message and an invalid payload, and keeps consuming the partition', async () => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.APPROVAL_CASE_APPROVED, caseNo, null, { rawValue: '{not json' });
    await t.producer.send(TOPICS.APPROVAL_CASE_APPROVED, caseNo, {
      ...approved(caseNo),
      deptCode: 'not-a-uscc',
    });
    await t.producer.send(TOPICS.APPROVAL_CASE_APPROVED, caseNo, approved(caseNo));
    const dlq = dlqOf(TOPICS.APPROVAL_CASE_APPROVED);
    const dead = await waitFor(() => {
      const ms = t.collector.find(dlq, (m) => m.key === caseNo);
      return ms.length >= 2 ? ms : undefined;
    });
    expect(dead.map((m) => m.headers['x-dlq-reason']).sort()).toEqual(['CONTRACT_VIOLATION', 'INVALID_JSON']);
    expect(dead[0].headers).toMatchObject({
      'x-dlq-original-topic': TOPICS.APPROVAL_CASE_APPROVED,
      ce_id: expect.any(String),
    });
    await t.collector.waitForMessage(
      TOPICS.LICENCE_ISSUED,
      (m) => (m.value as { caseNo: string }).caseNo === caseNo,
    );
    expect(await licenceCount(caseNo)).toBe(1);
  });

  it('guards its HTTP API: purpose required, roles enforced, public verification and keys', async () => {
    const id = '1.2.156.3005.2.111000000000135652001.113301000024901620.1.001.0';
    expect((await fetch(`${t.svc.url}/licences/${id}?purpose=x`)).status).toBe(401);
    const applicant = testToken({ sub: 'c', roles: ['applicant'] });
    expect(
      (
        await fetch(`${t.svc.url}/licences/${id}?purpose=${encodeURIComponent('核验用途')}`, {
          headers: { authorization: `Bearer ${applicant}` },
        })
      ).status,
    ).toBe(403);
    const noPurpose = await fetch(`${t.svc.url}/licences/${id}`, {
      headers: { authorization: `Bearer ${partner}` },
    });
    expect(noPurpose.status).toBe(400);
    const badId = await fetch(`${t.svc.url}/licences/not-an-id?purpose=${encodeURIComponent('核验用途')}`, {
      headers: { authorization: `Bearer ${partner}` },
    });
    expect(await badId.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const missing = await fetch(
      `${t.svc.url}/licences/${encodeURIComponent(id)}?purpose=${encodeURIComponent('核验用途')}`,
      { headers: { authorization: `Bearer ${partner}` } },
    );
    expect(missing.status).toBe(404);
    expect((await (await fetch(`${t.svc.url}/verify/garbage`)).json()) as object).toMatchObject({
      valid: false,
      reason: 'MALFORMED',
    });
    const notPdf = await fetch(`${t.svc.url}/verify/file`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(notPdf.status).toBe(415);
    const keys = (await (await fetch(`${t.svc.url}/keys`)).json()) as {
      keys: Array<{ kid: string; publicKeyPem: string }>;
    };
    expect(keys.keys.map((k) => k.kid)).toContain('it-1');
  });
});
