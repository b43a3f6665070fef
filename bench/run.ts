/**
 * Micro-benchmarks of the hot paths that run per case (not part of the test suite; `npm run bench`):
 * identifier validation, the licence core (PDF render + SM3 + SM2 sign + QR token) and contract validation.
 * Targets (per case, on this 2-core machine): validators < 20 µs, licence issuance < 250 ms, contract < 200 µs
 * (the compiled path on the richest event < 50 µs),
 * an SM2 verification (QR scan of a new licence) < 2 ms.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { sm2 } from 'sm-crypto-v2';
import {
  createQrToken,
  renderLicencePdf,
  signLicence,
  sm2Sign,
  sm2Verify,
  sm3Hex,
} from '../apps/certificate/src/licence-core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CONTRACTS, TOPICS, validateContract } from '../libs/shared/src/contracts';
import { compiledValidInstance } from '../libs/shared/src/validation/compiled-validation';
import { isValidIdCardNumber, isValidLicenceId, isValidUscc } from '../libs/shared/src/identifiers';

interface Result {
  name: string;
  perOpMs: number;
  target: number;
}

async function measure(
  name: string,
  iterations: number,
  targetMs: number,
  fn: () => unknown,
): Promise<Result> {
  for (let i = 0; i < Math.min(20, iterations); i++) await fn(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  const perOpMs = (performance.now() - t0) / iterations;
  return { name, perOpMs, target: targetMs };
}

async function main(): Promise<void> {
  const key = sm2.generateKeyPairHex();
  const results: Result[] = [];
  results.push(
    await measure('id card + USCC + licence id validation', 20_000, 0.02, () => {
      isValidIdCardNumber('11010519491231002X');
      isValidUscc('11100000000013338W');
      isValidLicenceId('1.2.156.3005.2.11100000000013338W032.11220000013544541J.2430599.001.F');
    }),
  );
  const payload = {
    caseNo: '33010020261124000001',
    itemCode: 'X',
    itemName: '食品经营许可',
    deptCode: '113301000024901620',
    deptName: '杭州市市场监督管理局',
    reason: '不属于本部门职权范围',
    decidedAt: new Date().toISOString(),
    decidedBy: 'bench',
  };
  results.push(
    await measure('event contract validation', 5_000, 0.2, () =>
      validateContract(TOPICS.APPLICATION_NOT_ACCEPTED, payload),
    ),
  );
  // The richest event of a case (25 fields, nested applicant, licence, materials): the compiled fast path
  // validateContract takes, against class-transformer + class-validator (what it did before, and still does
  // for every payload the fast path cannot prove valid).
  const accepted = {
    caseNo: payload.caseNo,
    itemCode: payload.itemCode,
    itemName: payload.itemName,
    deptCode: payload.deptCode,
    deptName: payload.deptName,
    applicant: {
      userProp: '1',
      name: '李四',
      certType: '111',
      certMasked: '110105********002X',
      certHash: 'a'.repeat(64),
    },
    taskType: '01',
    projectType: '2',
    acceptDocNo: 'SL-2026-000001',
    acceptedAt: new Date().toISOString(),
    promiseDate: '2026-12-10',
    promiseLimit: 10,
    promiseUnit: '1',
    legalLimit: 20,
    legalUnit: '1',
    visitLimit: 1,
    licence: {
      typeCode: '11330100002490162000A',
      typeName: '食品经营许可证',
      validYears: 5,
      faceFields: { 经营场所: '杭州市' },
    },
    acceptedBy: 'bench',
    materials: [
      { code: 'M01', name: '申请书', count: 1, attachNames: ['申请书.pdf'] },
      { code: 'M02', name: '营业执照', count: 1 },
    ],
  };
  const acceptedContract = CONTRACTS[TOPICS.APPLICATION_ACCEPTED];
  if (!compiledValidInstance(acceptedContract, accepted)) throw new Error('fast path not taken');
  results.push(
    await measure('accepted event, producer side (compiled path)', 20_000, 0.05, () =>
      validateContract(TOPICS.APPLICATION_ACCEPTED, accepted, 'producer'),
    ),
  );
  results.push(
    await measure('accepted event, class-validator reference', 5_000, 0.2, () => {
      const instance = plainToInstance(acceptedContract, accepted);
      if (
        validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false })
          .length
      ) {
        throw new Error('reference refused the sample');
      }
    }),
  );
  const id = '1.2.156.3005.2.111000000000135652001.113301000024901620.33010020261124000001.001.Z';
  results.push(
    await measure('licence issuance core (PDF + QR + SM3 + SM2)', 30, 250, async () => {
      const token = createQrToken(
        { identifier: id, version: '001', kid: 'bench', issuedAt: 1 },
        key.privateKey,
      );
      const pdf = await renderLicencePdf(
        {
          identifier: id,
          licenceName: '食品经营许可证',
          holderName: '杭州某某餐饮管理有限公司',
          holderCodeLabel: '统一社会信用代码',
          holderCode: '91330106MA2H00000X',
          issuerName: '杭州市市场监督管理局',
          issueDate: '2026-11-24',
          validFrom: '2026-11-24',
          validTo: '2031-11-23',
          faceFields: [{ label: '经营场所', value: '杭州市' }],
          qrText: `http://127.0.0.1:3000/api/v1/verify/${token}`,
          verifyUrl: 'http://127.0.0.1:3000',
        },
        { fontPath: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc' },
      );
      signLicence(
        {
          identifier: id,
          typeCode: '111000000000135652001',
          typeName: '食品经营许可证',
          holderName: 'x',
          holderCodeType: '001',
          holderCode: 'x',
          issuerCode: '113301000024901620',
          issuerName: 'x',
          issueDate: '2026-11-24',
          validFrom: '2026-11-24',
          validTo: null,
          caseNo: 'x',
          itemCode: 'x',
          faceFields: {},
          fileSm3: sm3Hex(pdf),
        },
        { kid: 'bench', privateKeyHex: key.privateKey },
      );
    }),
  );
  // A QR scan of a licence not verified before in this process: every message is new (no cached result).
  const signed = Array.from({ length: 220 }, (_, i) => {
    const data = `licence ${i} ${'x'.repeat(600)}`;
    return { data, sig: sm2Sign(data, key.privateKey) };
  });
  let next = 0;
  results.push(
    await measure('SM2 verification of a new signature', 200, 2, () => {
      const s = signed[next++];
      if (!sm2Verify(s.data, s.sig, key.publicKey)) throw new Error('signature did not verify');
    }),
  );
  const rss = process.memoryUsage().rss / 1024 / 1024;
  let failed = false;
  for (const r of results) {
    const ok = r.perOpMs <= r.target;
    failed ||= !ok;
    console.log(
      `${ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(48)} ${r.perOpMs.toFixed(4).padStart(10)} ms/op  (target ≤ ${r.target} ms)`,
    );
  }
  console.log(`rss after run: ${rss.toFixed(0)} MiB`);
  process.exit(failed ? 1 : 0);
}

void main();
