import { randomUUID } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { TOPICS } from '@app/shared/contracts';
import {
  ServiceUnderTest,
  startServiceUnderTest,
  testToken,
  uniqueCaseNo,
  waitFor,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { CertificateConfig } from '../src/config/certificate.config';
import { configureCertificate } from '../src/configure';

const DEPT = '113301000024901620';
const ITEM = `${DEPT}000107001000001`;

/**
 * 注销 after a failed 事后核查 (告知承诺制), against the real PostgreSQL and Kafka: intake.case.post-check-failed
 * revokes the case's licence once (duplicate delivery, a second report under another id), keeps its file
 * and signature, and verification then answers REVOKED.
 */
describe('certificate: licence revocation (integration)', () => {
  let t: ServiceUnderTest;
  const partner = testToken({ sub: 'partner-rv', roles: ['partner'] });

  const ref = (caseNo: string) => ({
    caseNo,
    itemCode: ITEM,
    itemName: '企业设立登记',
    deptCode: DEPT,
    deptName: '杭州市市场监督管理局',
  });
  const approved = (caseNo: string) => ({
    ...ref(caseNo),
    approvalId: randomUUID(),
    applicant: {
      userProp: '2',
      name: '杭州测试科技有限公司',
      certType: '001',
      certMasked: '91330106MA2H00000X',
      certHash: 'd'.repeat(64),
    },
    licence: {
      typeCode: '111000000000135652003',
      typeName: '营业执照',
      faceFields: { 住所: '杭州市西湖区' },
    },
    opinion: '告知承诺制，当场审批 (事后核查)',
    approvedAt: new Date().toISOString(),
  });
  const failed = (caseNo: string, licenceId: string | null, reason = '现场核查：住所不存在，承诺不实') => ({
    ...ref(caseNo),
    postCheckNo: `HC${caseNo}`,
    commitmentNo: `CN${caseNo}`,
    reason,
    checkedBy: '首席代表',
    checkedAt: '2026-12-10T02:00:00.000Z',
    licenceId,
  });
  const processed = (eventId: string) =>
    waitFor(
      async () =>
        (await t.count('SELECT count(*) AS n FROM processed_events WHERE event_id = $1', [eventId])) === 1 ||
        undefined,
      { description: `event ${eventId} processed` },
    );
  const issue = async () => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.APPROVAL_CASE_APPROVED, caseNo, approved(caseNo));
    const m = await t.collector.waitForMessage(
      TOPICS.LICENCE_ISSUED,
      (x) => (x.value as { caseNo: string }).caseNo === caseNo,
    );
    const { licenceId } = m.value as { licenceId: string };
    const row = await t.pg.query<{ qr_token: string }>(
      'SELECT qr_token FROM licences WHERE licence_id = $1',
      [licenceId],
    );
    return { caseNo, licenceId, qrToken: row.rows[0].qr_token };
  };
  const state = async (licenceId: string) =>
    (
      await t.pg.query<{
        status: string;
        revoked_at: Date | null;
        revocation_reason: string | null;
        has_file: boolean;
      }>(
        `SELECT status, revoked_at, revocation_reason, file IS NOT NULL AS has_file FROM licences
         WHERE licence_id = $1`,
        [licenceId],
      )
    ).rows[0];

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, CertificateConfig, {
      service: 'certificate',
      topics: [TOPICS.LICENCE_ISSUED],
      env: {
        SIGNING_PRIVATE_KEY: sm2.generateKeyPairHex().privateKey,
        SIGNING_KEY_ID: 'it-rv',
      },
      configure: configureCertificate,
    });
  });

  afterAll(() => t.stop());

  it('revokes the licence of a case whose post-check failed, once, however often the event arrives', async () => {
    const { caseNo, licenceId, qrToken } = await issue();
    const before = (await (await fetch(`${t.svc.url}/verify/${qrToken}`)).json()) as { valid: boolean };
    expect(before.valid).toBe(true);

    const id = await t.producer.send(TOPICS.CASE_POST_CHECK_FAILED, caseNo, failed(caseNo, licenceId));
    await t.producer.send(TOPICS.CASE_POST_CHECK_FAILED, caseNo, failed(caseNo, licenceId), { id });
    await processed(id);
    const revoked = await state(licenceId);
    expect(revoked).toMatchObject({
      status: 'REVOKED',
      revoked_at: new Date('2026-12-10T02:00:00.000Z'),
      revocation_reason: '告知承诺事后核查不通过 / post-check failed: 现场核查：住所不存在，承诺不实',
      has_file: true,
    });
    // A second report under another event id keeps the first revocation.
    const again = await t.producer.send(
      TOPICS.CASE_POST_CHECK_FAILED,
      caseNo,
      failed(caseNo, licenceId, '另一次核查'),
    );
    await processed(again);
    expect(await state(licenceId)).toEqual(revoked);
    expect(await t.count('SELECT count(*) AS n FROM processed_events WHERE event_id = $1', [id])).toBe(1);

    const verdict = (await (await fetch(`${t.svc.url}/verify/${qrToken}`)).json()) as {
      valid: boolean;
      reason: string;
      licence: { status: string };
    };
    expect(verdict).toMatchObject({ valid: false, reason: 'REVOKED', licence: { status: 'REVOKED' } });
    const info = await fetch(`${t.svc.url}/licences/${licenceId}?purpose=${encodeURIComponent('注销核验')}`, {
      headers: { authorization: `Bearer ${partner}` },
    });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({
      status: 'REVOKED',
      revokedAt: '2026-12-10T02:00:00.000Z',
      revocationReason: expect.stringContaining('承诺不实'),
    });
  });

  it('revokes by case number when the event names no licence, and touches no other case', async () => {
    const target = await issue();
    const other = await issue();
    const id = await t.producer.send(
      TOPICS.CASE_POST_CHECK_FAILED,
      target.caseNo,
      failed(target.caseNo, null),
    );
    await processed(id);
    expect((await state(target.licenceId)).status).toBe('REVOKED');
    expect(await state(other.licenceId)).toMatchObject({ status: 'ISSUED', revoked_at: null });
  });

  it('takes a failed post-check of a case without a licence as done (nothing to revoke, nothing dead-lettered)', async () => {
    const caseNo = uniqueCaseNo();
    const id = await t.producer.send(TOPICS.CASE_POST_CHECK_FAILED, caseNo, failed(caseNo, null));
    await processed(id);
    expect(await t.count('SELECT count(*) AS n FROM licences WHERE case_no = $1', [caseNo])).toBe(0);
  });
});
