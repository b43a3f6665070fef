import { createHash } from 'node:crypto';
import { ServiceUnderTest } from '@app/shared/testing';
import {
  call,
  Client,
  company,
  http,
  issueLicence,
  IssuedLicence,
  registerClient,
  startCertificate,
  tokenOf,
  TYPE_A,
  TYPE_B,
  usageRows,
} from './share.fixture';

/**
 * 证照共享 refusals against the real PostgreSQL and Kafka: each in the envelope with the provincial status
 * (11, 12, 100, 103, 10), HTTP 200; refusals after authentication logged; a malformed envelope a 400.
 */
describe('certificate: 证照共享 refusals (integration)', () => {
  let t: ServiceUnderTest;
  let a: IssuedLicence; // company licence of the granted type
  let b: IssuedLicence; // a licence of a type not granted
  let client: Client;
  let token: string;
  const useCause = '办理企业变更登记核验营业执照';

  beforeAll(async () => {
    t = await startCertificate('it-share-refusals');
    a = await issueLicence(t, company());
    b = await issueLicence(t, company(), TYPE_B);
    client = await registerClient(t);
    token = await tokenOf(t, client);
  });

  afterAll(() => t.stop());

  it('answers 11 to a bad, missing or expired accessToken, and to a wrong secret', async () => {
    const data = { certIdentifier: a.licenceId, useCause };
    expect((await call(t, 'queryCertInfo', client, 'not-a-token', data)).head).toEqual({
      status: 11,
      message: '身份验证不通过',
    });
    const noToken = await http(t, 'POST', '/share/queryCertInfo', { accessId: client.accessId, data });
    expect(noToken).toMatchObject({ status: 200, body: { head: { status: 11 }, data: null } });
    // Another client's token does not work under this accessId.
    const other = await registerClient(t);
    expect((await call(t, 'queryCertInfo', client, await tokenOf(t, other), data)).head.status).toBe(11);
    const expiring = await tokenOf(t, client);
    await t.pg.query(
      `UPDATE share_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [createHash('sha256').update(expiring).digest('hex')],
    );
    expect((await call(t, 'queryCertInfo', client, expiring, data)).head.status).toBe(11);
    const wrong = await http(t, 'POST', '/share/getToken', { accessId: client.accessId, accessSecret: 'x' });
    expect(wrong).toMatchObject({ status: 200, body: { head: { status: 11 }, data: null } });
    // The credentials may also travel in `head`, as some provincial clients send them.
    const inHead = await http(t, 'POST', '/share/queryCertInfo', {
      head: { accessId: client.accessId, accessToken: token },
      data,
    });
    expect(inHead).toMatchObject({ status: 200, body: { head: { status: 0 } } });
  });

  it('answers 103 to a malformed holderTypeCode, 12 to a missing or too long useCause', async () => {
    const q = { holderCode: a.holder.code, certTypeCode: TYPE_A, useCause };
    for (const holderTypeCode of ['002', '11', 'ABC', '1111']) {
      const r = await call(t, 'queryCertInfoByHolderCode', client, token, { ...q, holderTypeCode });
      expect([holderTypeCode, r.head]).toEqual([
        holderTypeCode,
        { status: 103, message: '持证主体代码类型代码不符合规范' },
      ]);
    }
    const ops = ['queryCertInfo', 'downloadUrl', 'getCertRemarkInfo'];
    for (const op of ops) {
      const missing = await call(t, op, client, token, { certIdentifier: a.licenceId });
      expect([op, missing.head.status, missing.data]).toEqual([op, 12, null]);
      const long = await call(t, op, client, token, {
        certIdentifier: a.licenceId,
        useCause: '事'.repeat(201),
      });
      expect([op, long.head.status]).toEqual([op, 12]);
    }
    const noCertData = await call(t, 'verifyCertInfo', client, token, { certTypeCode: TYPE_A, useCause });
    expect(noCertData.head.status).toBe(12);
    const notBase64 = await call(t, 'verifyFile', client, token, {
      certTypeCode: TYPE_A,
      contentType: 'hex',
      content: 'abcd',
      useCause,
    });
    expect(notBase64.head).toEqual({ status: 12, message: 'data.contentType固定为：base64' });
  });

  it('answers 100 to an operation or licence type not granted, 10 to an unknown licence', async () => {
    const narrow = await registerClient(t, { operations: ['queryCertInfo'] });
    const narrowToken = await tokenOf(t, narrow);
    const denied = await call(t, 'verifyCertInfo', narrow, narrowToken, { certTypeCode: TYPE_A, useCause });
    expect(denied.head.status).toBe(100);

    const before = (await usageRows(t, client)).length;
    const otherType = await call(t, 'queryCertInfo', client, token, {
      certIdentifier: b.licenceId,
      useCause,
    });
    expect(otherType).toEqual({ head: { status: 100, message: '该用户无访问该证的权限' }, data: null });
    const byHolder = await call(t, 'queryCertInfoByHolderCode', client, token, {
      holderCode: b.holder.code,
      holderTypeCode: '001',
      certTypeCode: TYPE_B,
      useCause,
    });
    expect(byHolder.head.status).toBe(100);
    const unknownId = a.licenceId.replace(/\.\d{3}\.[0-9A-Z]$/, '.009.0');
    const unknown = await call(t, 'queryCertInfo', client, token, { certIdentifier: unknownId, useCause });
    expect(unknown).toEqual({ head: { status: 10, message: '未找到匹配的证照信息' }, data: null });
    const noHolder = await call(t, 'queryCertInfoByHolderCode', client, token, {
      holderCode: '91330106MA2H00000X',
      holderTypeCode: '001',
      certTypeCode: TYPE_A,
      useCause,
    });
    expect(noHolder.head.status).toBe(10);
    // a's payload under b's signature: not ours as it stands.
    const forged = [...a.qrToken.split('.').slice(0, 2), b.qrToken.split('.')[2]].join('.');
    const badQr = await call(t, 'queryCertInfoByQRcode', client, token, {
      qrcode: forged,
      useCause,
    });
    expect(badQr.head.status).toBe(10);
    // Refusals after authentication are logged too.
    expect((await usageRows(t, client)).slice(before).map((x) => [x.licence_id, x.result])).toEqual([
      [b.licenceId, 'FORBIDDEN'],
      ['-', 'FORBIDDEN'],
      [unknownId, 'NOT_FOUND'],
      ['-', 'NOT_FOUND'],
      ['-', 'NOT_FOUND'],
    ]);
  });

  it('refuses a malformed envelope with 400 (never a 500)', async () => {
    const r = await http(t, 'POST', '/share/queryCertInfo', { accessId: client.accessId, extra: 1 });
    expect(r).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const notObject = await http(t, 'POST', '/share/queryCertInfo', { accessId: client.accessId, data: 'x' });
    expect(notObject.status).toBe(400);
    const emptyData = await call(t, 'verifyFile', client, token, {
      certTypeCode: TYPE_A,
      contentType: 'base64',
      content: '!!!',
      useCause,
    });
    expect(emptyData.head.status).toBe(12);
  });
});
