import { randomUUID } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { TOPICS } from '@app/shared/contracts';
import { keyedHash } from '@app/shared/identifiers';
import {
  companyUscc,
  jsonRequest,
  ServiceUnderTest,
  startServiceUnderTest,
  testEnv,
  testToken,
  uniqueCaseNo,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { CertificateConfig } from '../src/config/certificate.config';
import { configureCertificate } from '../src/configure';

export const DEPT = '113301000024901620';
export const ITEM = `${DEPT}000107001000001`;
/** 营业执照 (granted to the test client) and another type (not granted). */
export const TYPE_A = '111000000000135652003';
export const TYPE_B = '111000000000135652001';
export const ADMIN = testToken({ sub: 'admin-share', roles: ['admin'] });

export interface Envelope {
  head: { status: number; message: string };
  data: Record<string, unknown> | null;
}

export interface Holder {
  userProp: string;
  name: string;
  certType: string;
  code: string;
  masked: string;
}

export const company = (): Holder => {
  const code = companyUscc();
  return { userProp: '2', name: '杭州共享测试科技有限公司', certType: '001', code, masked: code };
};

/** The certificate service on its own database, with its PDF parser, as main.ts boots it. */
export function startCertificate(kid: string, env: Record<string, string> = {}): Promise<ServiceUnderTest> {
  return startServiceUnderTest(AppModule, CertificateConfig, {
    service: 'certificate',
    topics: [TOPICS.LICENCE_ISSUED],
    env: { SIGNING_PRIVATE_KEY: sm2.generateKeyPairHex().privateKey, SIGNING_KEY_ID: kid, ...env },
    configure: configureCertificate,
  });
}

export interface IssuedLicence {
  licenceId: string;
  caseNo: string;
  serial: string;
  qrToken: string;
  file: Buffer;
  holder: Holder;
  typeCode: string;
}

/** Issues a licence the way production does: approval.case.approved on Kafka, licence.issued back. */
export async function issueLicence(
  t: ServiceUnderTest,
  holder: Holder,
  typeCode = TYPE_A,
): Promise<IssuedLicence> {
  const caseNo = uniqueCaseNo();
  await t.producer.send(TOPICS.APPROVAL_CASE_APPROVED, caseNo, {
    caseNo,
    itemCode: ITEM,
    itemName: '企业设立登记',
    deptCode: DEPT,
    deptName: '杭州市市场监督管理局',
    approvalId: randomUUID(),
    applicant: {
      userProp: holder.userProp,
      name: holder.name,
      certType: holder.certType,
      certMasked: holder.masked,
      certHash: keyedHash(testEnv().piiHashKey, holder.code),
    },
    licence: { typeCode, typeName: '营业执照', faceFields: { 住所: '杭州市西湖区', 注册资本: '100万元' } },
    opinion: '同意',
    approvedAt: new Date().toISOString(),
  });
  const m = await t.collector.waitForMessage(
    TOPICS.LICENCE_ISSUED,
    (x) => (x.value as { caseNo: string }).caseNo === caseNo,
  );
  const { licenceId } = m.value as { licenceId: string };
  const row = await t.pg.query<{ qr_token: string; file: Buffer; serial: string }>(
    'SELECT qr_token, file, serial FROM licences WHERE licence_id = $1',
    [licenceId],
  );
  const r = row.rows[0];
  return { licenceId, caseNo, serial: r.serial, qrToken: r.qr_token, file: r.file, holder, typeCode };
}

/** JSON request with an optional bearer token; status and parsed body. */
export function http(
  t: ServiceUnderTest,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return jsonRequest(t.svc.url, method, path, { token, body });
}

export interface Client {
  accessId: string;
  accessSecret: string;
  deptCode: string;
}

/** Registers a partner client through the admin API. */
export async function registerClient(
  t: ServiceUnderTest,
  opts: { certTypeCodes?: string[]; operations?: string[] } = {},
): Promise<Client> {
  const deptCode = companyUscc();
  const r = await http(
    t,
    'POST',
    '/share-clients',
    {
      accessId: `it-${randomUUID().slice(0, 8)}`,
      name: '市税务局证照共享',
      deptCode,
      deptName: '国家税务总局杭州市税务局',
      certTypeCodes: opts.certTypeCodes ?? [TYPE_A],
      operations: opts.operations ?? [
        'queryCertInfo',
        'queryCertInfoByHolderCode',
        'queryCertInfoByQRcode',
        'verifyCertInfo',
        'verifyFile',
        'downloadUrl',
        'getCertRemarkInfo',
      ],
    },
    ADMIN,
  );
  expect(r.status).toBe(201);
  return { accessId: r.body.accessId as string, accessSecret: r.body.accessSecret as string, deptCode };
}

/** getToken → the accessToken (asserting status 0). */
export async function tokenOf(t: ServiceUnderTest, c: Client): Promise<string> {
  const r = await http(t, 'POST', '/share/getToken', { accessId: c.accessId, accessSecret: c.accessSecret });
  expect(r.status).toBe(200);
  expect((r.body as unknown as Envelope).head).toEqual({ status: 0, message: '接口调用成功' });
  return (r.body.data as { accessToken: string }).accessToken;
}

/** One operation call: HTTP 200 and the envelope. */
export async function call(
  t: ServiceUnderTest,
  op: string,
  c: { accessId: string },
  accessToken: string,
  data: Record<string, unknown>,
): Promise<Envelope> {
  const r = await http(t, 'POST', `/share/${op}`, { accessId: c.accessId, accessToken, data });
  expect([op, r.status]).toEqual([op, 200]);
  return r.body as unknown as Envelope;
}

/** Usage-log rows written under the partner. */
export const usageRows = async (t: ServiceUnderTest, c: { accessId: string }) =>
  (
    await t.pg.query<{
      licence_id: string;
      action: string;
      requester_dept: string;
      purpose: string;
      result: string;
    }>(
      `SELECT licence_id, action, requester_dept, purpose, result FROM licence_usage
       WHERE requester_sub = $1 ORDER BY id`,
      [`share:${c.accessId}`],
    )
  ).rows;
