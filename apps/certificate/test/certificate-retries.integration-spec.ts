import { randomUUID } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { dlqOf, TOPICS } from '@app/shared/contracts';
import { uniqueCaseNo, ServiceUnderTest, startServiceUnderTest } from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { CertificateConfig } from '../src/config/certificate.config';

/**
 * A handler that keeps failing (here: the PDF font is missing, after the transaction has started) is
 * retried a bounded number of times with backoff, then dead-lettered with RETRIES_EXHAUSTED; nothing of the
 * failed attempts is left behind (no licence row, no processed_events row, no outbox row), and the
 * partition moves on.
 */
describe('certificate: bounded retries, then the dead-letter topic (integration)', () => {
  let t: ServiceUnderTest;

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, CertificateConfig, {
      service: 'certificate',
      topics: [dlqOf(TOPICS.APPROVAL_CASE_APPROVED)],
      env: {
        SIGNING_PRIVATE_KEY: sm2.generateKeyPairHex().privateKey,
        FONT_PATH: '/nonexistent/font.ttc',
        KAFKA_MAX_RETRIES: '2',
        KAFKA_RETRY_BASE_MS: '50',
      },
    });
  });

  afterAll(() => t.stop());

  it('retries, dead-letters with RETRIES_EXHAUSTED and leaves no partial state', async () => {
    const caseNo = uniqueCaseNo();
    const id = await t.producer.send(TOPICS.APPROVAL_CASE_APPROVED, caseNo, {
      caseNo,
      itemCode: 'ITEM',
      itemName: '食品经营许可',
      deptCode: '113301000024901620',
      deptName: '杭州市市场监督管理局',
      approvalId: randomUUID(),
      applicant: {
        userProp: '2',
        name: '公司',
        certType: '001',
        certMasked: '91330106MA2H00000X',
        certHash: 'd'.repeat(64),
      },
      licence: { typeCode: '111000000000135652001', typeName: '食品经营许可证', faceFields: {} },
      opinion: '准予许可',
      approvedAt: new Date().toISOString(),
    });
    const dead = await t.collector.waitForMessage(
      dlqOf(TOPICS.APPROVAL_CASE_APPROVED),
      (m) => m.headers.ce_id === id,
      30_000,
    );
    expect(dead.headers).toMatchObject({
      'x-dlq-reason': 'RETRIES_EXHAUSTED',
      'x-dlq-attempts': '3',
      'x-dlq-error': expect.stringContaining('fonts-wqy-microhei'),
    });
    for (const table of ['licences', 'processed_events', 'outbox']) {
      expect(Number((await t.pg.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)).toBe(
        0,
      );
    }
  });
});
