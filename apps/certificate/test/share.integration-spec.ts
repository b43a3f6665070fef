import { idCardCheckChar, maskIdCardNumber } from '@app/shared/identifiers';
import { ServiceUnderTest } from '@app/shared/testing';
import {
  ADMIN,
  call,
  Client,
  company,
  Holder,
  http,
  issueLicence,
  IssuedLicence,
  registerClient,
  startCertificate,
  tokenOf,
  TYPE_A,
  usageRows,
} from './share.fixture';

const ID17 = '11010119900307123';
const PERSON_ID = ID17 + idCardCheckChar(ID17);
const person: Holder = {
  userProp: '1',
  name: '张三',
  certType: '111',
  code: PERSON_ID,
  masked: maskIdCardNumber(PERSON_ID),
};

/**
 * 证照共享 for partner departments against the real PostgreSQL and Kafka: licences issued from
 * approval events, a client registered through the admin API, a token from getToken, then every
 * operation of the provincial interface and its refusals — each in the envelope, each logged.
 */
describe('certificate: 证照共享 interface (integration)', () => {
  let t: ServiceUnderTest;
  let a: IssuedLicence; // company licence of the granted type
  let p: IssuedLicence; // natural person's licence of the granted type
  let client: Client;
  let token: string;
  const useCause = '办理企业变更登记核验营业执照';

  beforeAll(async () => {
    t = await startCertificate('it-share');
    a = await issueLicence(t, company());
    p = await issueLicence(t, person);
    client = await registerClient(t);
    token = await tokenOf(t, client);
  });

  afterAll(() => t.stop());

  /** The call succeeds and wrote at least one usage row under the partner with the stated use. */
  const ok = async (op: string, data: Record<string, unknown>) => {
    const before = (await usageRows(t, client)).length;
    const r = await call(t, op, client, token, { useCause, ...data });
    expect([op, r.head]).toEqual([op, { status: 0, message: '接口调用成功' }]);
    const rows = await usageRows(t, client);
    expect([op, rows.length > before]).toEqual([op, true]);
    expect(rows.at(-1)).toMatchObject({ requester_dept: client.deptCode, purpose: useCause });
    return r.data as Record<string, unknown>;
  };

  it('answers every operation for a granted licence, in the provincial field names', async () => {
    const info = await ok('queryCertInfo', { certIdentifier: a.licenceId });
    expect(info).toMatchObject({
      cert_identifier: a.licenceId,
      certData: {
        cert_identifier: a.licenceId,
        certificate_type_code: TYPE_A,
        certificate_holder: a.holder.name,
        certificate_holder_code: a.holder.code,
        certificate_holder_type: '001',
        status: '1',
        extend_info: { 住所: '杭州市西湖区' },
      },
    });

    const byHolder = await ok('queryCertInfoByHolderCode', {
      holderCode: a.holder.code,
      holderTypeCode: '001',
      certTypeCode: TYPE_A,
    });
    expect(byHolder).toMatchObject({ total: 1, certData: [{ cert_identifier: a.licenceId }] });
    // A natural person is found by the full ID number, answered masked.
    const byPerson = await ok('queryCertInfoByHolderCode', {
      holderCode: PERSON_ID,
      holderTypeCode: '111',
      certTypeCode: TYPE_A,
      certNo: p.serial,
    });
    expect(byPerson).toMatchObject({
      total: 1,
      certData: [{ cert_identifier: p.licenceId, certificate_holder_code: person.masked }],
    });

    const byQr = await ok('queryCertInfoByQRcode', {
      qrcode: `http://127.0.0.1:3000/api/v1/verify/${a.qrToken}`,
    });
    expect(byQr).toMatchObject({ cert_identifier: a.licenceId });
    expect(await ok('queryCertInfoByQRcode', { qrcode: a.qrToken })).toMatchObject({
      cert_identifier: a.licenceId,
    });

    const certData = {
      holderCode: a.holder.code,
      holder: a.holder.name,
      certNo: a.serial,
      住所: '杭州市西湖区',
    };
    expect(await ok('verifyCertInfo', { certTypeCode: TYPE_A, certData })).toEqual({
      result: '0',
      message: '信息正确且有效',
      cert_identifier: a.licenceId,
    });
    expect(
      await ok('verifyCertInfo', { certTypeCode: TYPE_A, certData: { ...certData, 住所: '别处' } }),
    ).toMatchObject({ result: '7' });
    expect(
      await ok('verifyCertInfo', { certTypeCode: TYPE_A, certData: { ...certData, certNo: 'NOPE' } }),
    ).toEqual({ result: '5', message: '查无此信息' });

    const file = await ok('verifyFile', {
      certTypeCode: TYPE_A,
      contentType: 'base64',
      content: a.file.toString('base64'),
    });
    expect(file).toMatchObject({ result: '0', reason: null, cert_identifier: a.licenceId });
    const altered = Buffer.from(a.file);
    altered[altered.length - 20] ^= 1;
    expect(
      await ok('verifyFile', {
        certTypeCode: TYPE_A,
        contentType: 'base64',
        content: altered.toString('base64'),
      }),
    ).toMatchObject({ result: '5', reason: 'FILE_NOT_ISSUED' });

    const remark = await ok('getCertRemarkInfo', { certIdentifier: a.licenceId });
    expect(remark).toMatchObject({
      cert_identifier: a.licenceId,
      status: '1',
      remarks: [],
      revoked_at: null,
      surface: expect.arrayContaining([
        { name: '住所', columnName: '住所', valueType: 'string', value: '杭州市西湖区' },
      ]),
    });
  });

  it('accepts the client’s secret as accessToken, as the provincial service’s own clients send it', async () => {
    const c = await registerClient(t);
    const r = await call(t, 'queryCertInfo', c, c.accessSecret, { certIdentifier: a.licenceId, useCause });
    expect(r.head.status).toBe(0);
    // another client's secret, or the secret after a rotation, is refused (11)
    expect(
      (await call(t, 'queryCertInfo', client, c.accessSecret, { certIdentifier: a.licenceId, useCause })).head
        .status,
    ).toBe(11);
    const rotated = await http(t, 'POST', `/share-clients/${c.accessId}/rotate-secret`, {}, ADMIN);
    expect(rotated.status).toBe(200);
    expect(
      (await call(t, 'queryCertInfo', c, c.accessSecret, { certIdentifier: a.licenceId, useCause })).head
        .status,
    ).toBe(11);
    const fresh = rotated.body.accessSecret as string;
    expect(
      (await call(t, 'queryCertInfo', c, fresh, { certIdentifier: a.licenceId, useCause })).head.status,
    ).toBe(0);
  });

  it('downloadUrl: a link that works once, serves the PDF watermarked with the use, and expires', async () => {
    const cause = 'tax-registration-check-42';
    const before = (await usageRows(t, client)).length;
    const r = await call(t, 'downloadUrl', client, token, { certIdentifier: a.licenceId, useCause: cause });
    expect(r.head.status).toBe(0);
    const d = r.data as {
      contentType: string;
      certIdentifier: string;
      content: string;
      linkExpiryTime: string;
    };
    expect(d).toMatchObject({ contentType: 'http', certIdentifier: a.licenceId });
    expect(d.content).toMatch(/^http:\/\/127\.0\.0\.1:3000\/api\/v1\/share\/download\/[0-9a-f]{32}$/);
    const ttl = new Date(d.linkExpiryTime).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(590_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
    const path = d.content.replace('http://127.0.0.1:3000/api/v1', '');

    const first = await fetch(`${t.svc.url}${path}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await first.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The watermark names the use; it is also the document's Keywords (a UTF-16BE string in the info).
    const utf16be = Buffer.from([...cause].flatMap((ch) => [0, ch.charCodeAt(0)]));
    expect(pdf.includes(utf16be)).toBe(true);
    expect(pdf.equals(a.file)).toBe(false);

    const second = await fetch(`${t.svc.url}${path}`);
    expect(second.status).toBe(404);
    expect(((await second.json()) as { code: string }).code).toBe('NOT_FOUND');
    const rows = (await usageRows(t, client)).slice(before);
    expect(rows.map((x) => [x.action, x.purpose])).toEqual([
      ['DOWNLOAD_URL', cause],
      ['DOWNLOAD', cause],
    ]);

    const again = await call(t, 'downloadUrl', client, token, {
      certIdentifier: a.licenceId,
      useCause: cause,
    });
    const id = (again.data as { content: string }).content.split('/').at(-1) as string;
    await t.pg.query(
      `UPDATE share_download_links SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    expect((await fetch(`${t.svc.url}/share/download/${id}`)).status).toBe(404);
    expect((await fetch(`${t.svc.url}/share/download/${'0'.repeat(32)}`)).status).toBe(404);
  });

  it('downloadUrl: the link ends at expiryTime, never after the configured lifetime; a bad or past one is 12', async () => {
    const useCause = 'expiry-check';
    const shanghai = (ms: number) =>
      new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    const linkOf = async (expiryTime: string) => {
      const r = await call(t, 'downloadUrl', client, token, {
        certIdentifier: a.licenceId,
        useCause,
        expiryTime,
      });
      return { status: r.head.status, data: r.data as { content: string; linkExpiryTime: string } | null };
    };
    const soon = Date.now() + 120_000;
    const early = await linkOf(shanghai(soon));
    expect(early.status).toBe(0);
    expect(Math.abs(Date.parse(early.data!.linkExpiryTime) - soon)).toBeLessThan(1_000);
    const id = early.data!.content.split('/').at(-1);
    const { rows } = await t.pg.query<{ expires_at: Date }>(
      `SELECT expires_at FROM share_download_links WHERE id = $1`,
      [id],
    );
    expect(rows[0].expires_at.toISOString()).toBe(early.data!.linkExpiryTime);
    // ISO 8601 with a zone is taken too.
    const iso = await linkOf(new Date(soon).toISOString());
    expect(Math.abs(Date.parse(iso.data!.linkExpiryTime) - soon)).toBeLessThan(1_000);
    // Later than the configured lifetime (600 s here): capped.
    const late = await linkOf(shanghai(Date.now() + 2 * 86_400_000));
    expect(late.status).toBe(0);
    expect(Date.parse(late.data!.linkExpiryTime) - Date.now()).toBeLessThanOrEqual(600_000);
    expect(Date.parse(late.data!.linkExpiryTime) - Date.now()).toBeGreaterThan(590_000);

    const links = await t.count(`SELECT count(*) AS n FROM share_download_links`);
    const usage = (await usageRows(t, client)).length;
    for (const bad of [
      '2026-02-30 10:00:00',
      'tomorrow',
      '2026-12-01T10:00:00',
      shanghai(Date.now() - 60_000),
    ]) {
      const r = await linkOf(bad);
      expect([bad, r.status, r.data]).toEqual([bad, 12, null]);
    }
    expect(await t.count(`SELECT count(*) AS n FROM share_download_links`)).toBe(links);
    expect((await usageRows(t, client)).length).toBe(usage);
  });

  it('never stores or logs a personal ID number in clear', async () => {
    for (const table of [
      'licence_usage',
      'licences',
      'share_clients',
      'share_tokens',
      'share_download_links',
    ]) {
      const n = await t.count(`SELECT count(*) AS n FROM ${table} x WHERE row_to_json(x)::text LIKE $1`, [
        `%${PERSON_ID}%`,
      ]);
      expect([table, n]).toEqual([table, 0]);
    }
  });
});
