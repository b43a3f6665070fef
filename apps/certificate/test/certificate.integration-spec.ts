import { Logger } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import { sm2 } from 'sm-crypto-v2';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { TOPICS, dlqOf } from '@app/shared/contracts';
import { isValidLicenceId } from '@app/shared/identifiers';
import {
  checkRoutes,
  routeTable,
  testToken,
  uniqueCaseNo,
  waitFor,
  ServiceUnderTest,
  startServiceUnderTest,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { CertificateConfig } from '../src/config/certificate.config';
import { configureCertificate } from '../src/configure';
import { createQrToken } from '../src/licence-core';
import { SigningKeyEntity } from '../src/licences/entities/signing-key.entity';
import { SigningKeysService } from '../src/licences/signing-keys.service';

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
      // Booted like main.ts, with the PDF body parser: file verification goes through POST /verify/file.
      configure: configureCertificate,
    });
  });

  afterAll(() => t.stop());

  it('guards every route: 401 without a token, 403 for every other role, 4xx for invalid input', async () => {
    const routes = routeTable(t.svc.app);
    expect(routes.filter((r) => !r.path.startsWith('/health')).length).toBeGreaterThan(0);
    expect(await checkRoutes(t.svc.url, routes)).toEqual([]);
  });

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
    // Only this service's licences (its key id): other platforms may share the broker.
    const ours = (m: { value: unknown }) =>
      (m.value as { caseNo: string; kid: string }).caseNo === caseNo &&
      (m.value as { kid: string }).kid === 'it-1';
    const issued = await t.collector.waitForMessage(TOPICS.LICENCE_ISSUED, ours);
    await waitFor(
      async () =>
        Number((await t.pg.query<{ n: string }>('SELECT count(*) AS n FROM processed_events')).rows[0].n) >=
          2 || undefined,
      { description: 'both event ids processed' },
    );
    expect(await licenceCount(caseNo)).toBe(1);
    expect(t.collector.find(TOPICS.LICENCE_ISSUED, ours)).toHaveLength(1);
    const licenceId = (issued.value as { licenceId: string }).licenceId;
    expect(isValidLicenceId(licenceId)).toBe(true);
    expect(licenceId).toContain(`.${caseNo}.001.`);
    // The PDF is stored out of line and uncompressed (already Flate-compressed; STORAGE EXTERNAL).
    const stored = await t.pg.query<{ storage: string; compression: string | null; bytes: number }>(
      `SELECT a.attstorage AS storage, pg_column_compression(l.file) AS compression, octet_length(l.file) AS bytes
         FROM licences l, pg_attribute a
        WHERE l.licence_id = $1 AND a.attrelid = 'licences'::regclass AND a.attname = 'file'`,
      [licenceId],
    );
    expect(stored.rows).toEqual([{ storage: 'e', compression: null, bytes: expect.any(Number) }]);
    expect(stored.rows[0].bytes).toBeGreaterThan(10_000);

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

    const metrics = await (await fetch(`${t.svc.url}/metrics`)).text();
    const value = (re: RegExp) => Number(re.exec(metrics)?.[1] ?? 'NaN');
    expect(value(/^licences_issued_total\{[^}]*\} (\d+)/m)).toBeGreaterThanOrEqual(1);
    expect(
      value(/^kafka_events_handled_total\{[^}]*topic="approval.case.approved.v1",outcome="ok"[^}]*\} (\d+)/m),
    ).toBeGreaterThanOrEqual(2);
    expect(
      value(
        /^kafka_events_handled_total\{[^}]*topic="approval.case.approved.v1",outcome="duplicate"[^}]*\} (\d+)/m,
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/^outbox_unpublished_rows\{[^}]*\} \d+/m);
    expect(metrics).toMatch(/^outbox_oldest_unpublished_age_seconds\{[^}]*\} [\d.]+/m);
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

  interface Verdict {
    valid: boolean;
    reason?: string;
    licence?: {
      licenceId: string;
      validTo: string | null;
      holderName: string;
      version: string;
      status: string;
    };
    fileSm3?: string;
  }

  /** Issues a licence through the approved event and returns its row as stored. */
  const issueLicence = async () => {
    const caseNo = uniqueCaseNo();
    await t.producer.send(TOPICS.APPROVAL_CASE_APPROVED, caseNo, approved(caseNo));
    await t.collector.waitForMessage(
      TOPICS.LICENCE_ISSUED,
      (m) => (m.value as { caseNo: string }).caseNo === caseNo,
    );
    const row = await t.pg.query<{
      licence_id: string;
      qr_token: string;
      file: Buffer;
      valid_to: string;
      signed_valid_to: string;
    }>(
      `SELECT licence_id, qr_token, file, valid_to::text AS valid_to, signed_data->>'validTo' AS signed_valid_to
         FROM licences WHERE case_no = $1`,
      [caseNo],
    );
    expect(row.rows).toHaveLength(1);
    return row.rows[0];
  };

  const verifyQr = async (token: string) => {
    const res = await fetch(`${t.svc.url}/verify/${token}`);
    expect(res.status).toBe(200);
    return { body: (await res.json()) as Verdict };
  };

  const verifyPdf = async (file: Buffer) => {
    const res = await fetch(`${t.svc.url}/verify/file`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: file,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Verdict;
  };

  it('answers invalid (RECORD_MISMATCH, logged as an error) once a signed column was edited in the database; untouched licences still verify', async () => {
    const [edited, untouched, resigned] = [await issueLicence(), await issueLicence(), await issueLicence()];
    expect(edited.valid_to).toBe(edited.signed_valid_to);

    const before = await verifyQr(edited.qr_token);
    expect(before.body).toMatchObject({
      valid: true,
      licence: { licenceId: edited.licence_id, validTo: edited.valid_to, version: '001', status: 'ISSUED' },
    });
    expect(await verifyPdf(edited.file)).toMatchObject({
      valid: true,
      licence: { validTo: edited.valid_to },
    });

    const errors = jest.spyOn(Logger.prototype, 'error');
    try {
      // Extend the licence by a direct database edit: the signature does not cover the column's new value.
      await t.pg.query(`UPDATE licences SET valid_to = DATE '2099-12-31' WHERE licence_id = $1`, [
        edited.licence_id,
      ]);
      const qr = await verifyQr(edited.qr_token);
      expect(qr.body).toMatchObject({ valid: false, reason: 'RECORD_MISMATCH' });
      expect(qr.body.licence).toBeUndefined();
      expect(JSON.stringify(qr.body)).not.toContain('2099');
      const file = await verifyPdf(edited.file);
      expect(file).toMatchObject({ valid: false, reason: 'RECORD_MISMATCH' });
      expect(file.licence).toBeUndefined();
      expect(JSON.stringify(file)).not.toContain('2099');
      const incidents = errors.mock.calls.filter(
        ([o]) => (o as { licenceId?: string }).licenceId === edited.licence_id,
      );
      expect(incidents.map(([o]) => o)).toEqual([
        expect.objectContaining({ via: 'VERIFY_QR', reason: 'RECORD_MISMATCH', mismatched: ['valid_to'] }),
        expect.objectContaining({ via: 'VERIFY_FILE', reason: 'RECORD_MISMATCH', mismatched: ['valid_to'] }),
      ]);
      // Public scans are logged in batches (within PUBLIC_LOG_FLUSH_MS).
      const usage = await waitFor(async () => {
        const r = await t.pg.query(
          `SELECT action, result FROM licence_usage WHERE licence_id = $1 AND requester_sub = 'public' ORDER BY id`,
          [edited.licence_id],
        );
        return r.rows.length >= 2 ? r : undefined;
      });
      expect(usage.rows.slice(-2)).toEqual([
        { action: 'VERIFY_QR', result: 'RECORD_MISMATCH' },
        { action: 'VERIFY_FILE', result: 'RECORD_MISMATCH' },
      ]);

      // A licence nobody touched still verifies, with the signed validity.
      expect((await verifyQr(untouched.qr_token)).body).toMatchObject({
        valid: true,
        licence: { licenceId: untouched.licence_id, validTo: untouched.signed_valid_to },
      });
      expect(await verifyPdf(untouched.file)).toMatchObject({
        valid: true,
        licence: { licenceId: untouched.licence_id, validTo: untouched.signed_valid_to },
      });

      // Editing the signed data along with the column breaks the signature instead.
      await t.pg.query(
        `UPDATE licences SET valid_to = DATE '2099-12-31',
                signed_data = jsonb_set(signed_data, '{validTo}', '"2099-12-31"')
          WHERE licence_id = $1`,
        [resigned.licence_id],
      );
      expect((await verifyQr(resigned.qr_token)).body).toMatchObject({
        valid: false,
        reason: 'RECORD_TAMPERED',
      });
      expect(await verifyPdf(resigned.file)).toMatchObject({ valid: false, reason: 'RECORD_TAMPERED' });

      // Any other signed column counts too; the status is not signed and stays the record's.
      await t.pg.query(
        `UPDATE licences SET valid_to = $2::date, holder_name = '别的公司' WHERE licence_id = $1`,
        [edited.licence_id, edited.signed_valid_to],
      );
      expect((await verifyQr(edited.qr_token)).body).toMatchObject({
        valid: false,
        reason: 'RECORD_MISMATCH',
      });
      await t.pg.query(`UPDATE licences SET holder_name = signed_data->>'holderName' WHERE licence_id = $1`, [
        edited.licence_id,
      ]);
      expect((await verifyQr(edited.qr_token)).body).toMatchObject({ valid: true });
      await t.pg.query(`UPDATE licences SET status = 'REVOKED' WHERE licence_id = $1`, [edited.licence_id]);
      expect((await verifyQr(edited.qr_token)).body).toMatchObject({
        valid: false,
        reason: 'REVOKED',
        licence: { licenceId: edited.licence_id, status: 'REVOKED' },
      });
    } finally {
      errors.mockRestore();
    }
  });

  it('refuses a purpose with a control character or of spaces only (400), and logs no use', async () => {
    const licence = await issueLicence();
    const read = (purpose: string, path = '') =>
      fetch(`${t.svc.url}/licences/${licence.licence_id}${path}?purpose=${purpose}`, {
        headers: { authorization: `Bearer ${partner}` },
      });
    for (const purpose of ['%E6%A0%B8%E9%AA%8C%07%E7%94%A8%E9%80%94', '%20%20%20%20', '%20x%20']) {
      for (const path of ['', '/file']) {
        const res = await read(purpose, path);
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      }
    }
    const usage = await t.pg.query('SELECT 1 FROM licence_usage WHERE licence_id = $1', [licence.licence_id]);
    expect(usage.rowCount).toBe(0);
    // A clean purpose is recorded trimmed.
    expect((await read(encodeURIComponent('  集成测试核验  '))).status).toBe(200);
    const logged = await t.pg.query('SELECT action, purpose FROM licence_usage WHERE licence_id = $1', [
      licence.licence_id,
    ]);
    expect(logged.rows).toEqual([{ action: 'QUERY', purpose: '集成测试核验' }]);
  });

  it('refuses a verification token of the wrong length or alphabet with a 400, never a 5xx', async () => {
    for (const token of ['a'.repeat(601), 'GOVLIC1.%E4%B8%AD.x', 'GOVLIC1.a~b.c', "GOVLIC1.a'b.c"]) {
      const res = await fetch(`${t.svc.url}/verify/${token}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    // The right alphabet but no token: a verdict, not an error.
    const payload = Buffer.from(JSON.stringify({ i: 'x\u0000', v: '001', k: 'it-1', t: 1 })).toString(
      'base64url',
    );
    const odd = await fetch(`${t.svc.url}/verify/GOVLIC1.${payload}.AAAA`);
    expect(odd.status).toBe(200);
    expect(await odd.json()).toMatchObject({ valid: false, reason: 'MALFORMED' });
  });

  it('answers a token with an unknown kid invalid, without an error and without re-reading the keys on every request', async () => {
    const licence = await issueLicence();
    const keysRepo = t.svc.app.get<Repository<SigningKeyEntity>>(getRepositoryToken(SigningKeyEntity));
    const reads = jest.spyOn(keysRepo, 'find');
    const errors = jest.spyOn(Logger.prototype, 'error');
    try {
      const stranger = sm2.generateKeyPairHex();
      const forged = (kid: string, privateKeyHex = stranger.privateKey) =>
        createQrToken(
          { identifier: licence.licence_id, version: '001', kid, issuedAt: Math.floor(Date.now() / 1000) },
          privateKeyHex,
        );
      for (let i = 0; i < 10; i++) {
        expect((await verifyQr(forged(`it-unknown-${i}`))).body).toEqual({
          valid: false,
          reason: 'UNKNOWN_KEY',
          message: expect.any(String),
        });
      }
      const burst = await Promise.all(
        Array.from({ length: 10 }, (_, i) => verifyQr(forged(`it-burst-${i}`))),
      );
      expect(burst.every((r) => r.body.reason === 'UNKNOWN_KEY')).toBe(true);
      expect(reads.mock.calls.length).toBeLessThanOrEqual(1);
      expect(errors).not.toHaveBeenCalled();
      expect((await verifyQr(licence.qr_token)).body).toMatchObject({ valid: true });

      // A key registered by another replica resolves once the reload window has passed.
      await t.pg.query(
        `INSERT INTO signing_keys (kid, algorithm, public_key_hex) VALUES ('it-2', 'SM2-SM3', $1)`,
        [stranger.publicKey],
      );
      const keys: unknown = t.svc.app.get(SigningKeysService);
      (keys as { lastReloadAt: number }).lastReloadAt = Number.NEGATIVE_INFINITY; // as if 30 s had passed
      expect((await verifyQr(forged('it-2'))).body).toMatchObject({
        valid: true,
        licence: { licenceId: licence.licence_id },
      });
    } finally {
      reads.mockRestore();
      errors.mockRestore();
    }
  });
});
