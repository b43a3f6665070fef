/**
 * Drives one whole 食品经营许可 case through the gateway, as a client would: submit → accept → wait for
 * the approval to open → three approvers decide steps 1-3 → poll until DONE with a licence. Counts every
 * request it makes, polls included (bench/pipeline.ts, bench/api.ts).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { companyUscc, envInt, HttpClient, mint, sleep } from './common';

export const CASE_TIMEOUT_MS = envInt('BENCH_CASE_TIMEOUT_MS', 60_000);

// ──────────────────────────────────────────────────────────────────────────────────────
export interface CaseRecord {
  client: number;
  caseNo?: string;
  startEpoch: number;
  doneEpoch?: number;
  e2eMs?: number;
  statusPolls: number;
  approvalPolls: number;
  requests: number;
  licenceId?: string;
  error?: string;
}

export class CaseError extends Error {}

export function expectStatus(step: string, r: { status: number; body: unknown }, want: number): void {
  if (r.status !== want) {
    throw new CaseError(`${step}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  }
}

/** Backoff for polling: 50 ms doubling to 500 ms. */
export function backoff(attempt: number): number {
  return Math.min(500, 50 * 2 ** attempt);
}

export async function findItemCode(httpc: HttpClient): Promise<string> {
  const r = await httpc.request('GET', '/api/v1/items?pageSize=100');
  expectStatus('GET /items', r, 200);
  const items = (r.body as { items: Array<{ name: string; taskCode: string }> }).items;
  const food = items.find((i) => i.name === '食品经营许可');
  if (!food) throw new Error('the seeded item 食品经营许可 is missing from GET /api/v1/items');
  return food.taskCode;
}

export async function runCase(
  httpc: HttpClient,
  client: number,
  itemCode: string,
  staff: { clerk: string; approvers: string[] },
  runId: string,
  seq: number,
  timeoutMs = CASE_TIMEOUT_MS,
): Promise<CaseRecord> {
  const rec: CaseRecord = { client, startEpoch: Date.now(), statusPolls: 0, approvalPolls: 0, requests: 0 };
  const t0 = performance.now();
  const deadline = t0 + timeoutMs;
  const call = async (...args: Parameters<HttpClient['request']>) => {
    rec.requests++;
    return httpc.request(...args);
  };
  try {
    // A fresh applicant per case: its own rate-limit bucket and its own cases only.
    const applicant = mint('applicant', `bench-${runId}-c${client}-${seq}`, { name: '张三' });
    const submitted = await call('POST', '/api/v1/applications', {
      token: applicant,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        itemCode,
        applicant: {
          userProp: '2',
          name: '杭州某某餐饮管理有限公司',
          certType: '001',
          certNo: companyUscc(),
          phone: '13800138000',
        },
        formData: {
          premises: '杭州市西湖区文三路 100 号',
          businessScope: '热食类食品制售',
          legalRepresentative: '张三',
        },
        materials: ['M01', 'M02', 'M03', 'M04'].map((code) => ({ code, fileName: `${code}.pdf` })),
        submitChannel: '1',
      },
    });
    expectStatus('submit', submitted, 201);
    const caseNo = (submitted.body as { caseNo: string }).caseNo;
    rec.caseNo = caseNo;
    const accepted = await call('POST', `/api/v1/applications/${caseNo}/accept`, {
      token: staff.clerk,
      body: { remark: '材料齐全，予以受理' },
    });
    expectStatus('accept', accepted, 200);
    // The approval opens asynchronously (intake → Kafka → approval): the approver's worklist shows it.
    for (let attempt = 0; ; attempt++) {
      rec.approvalPolls++;
      const r = await call('GET', `/api/v1/approvals/${caseNo}`, { token: staff.approvers[0] });
      if (r.status === 200 && (r.body as { status?: string }).status === 'OPEN') break;
      if (r.status !== 200 && r.status !== 404) expectStatus('GET approval', r, 200);
      if (performance.now() > deadline) throw new CaseError('approval did not open in time');
      await sleep(backoff(attempt));
    }
    const opinions = ['承办意见：材料符合要求', '审核意见：同意', '批准：准予许可'];
    for (let i = 0; i < 3; i++) {
      const d = await call('POST', `/api/v1/approvals/${caseNo}/decision`, {
        token: staff.approvers[i],
        body: { stepNo: i + 1, decision: 'approve', opinion: opinions[i] },
      });
      expectStatus(`decision ${i + 1}`, d, 200);
    }
    for (let attempt = 0; ; attempt++) {
      rec.statusPolls++;
      const r = await call('GET', `/api/v1/applications/${caseNo}`, { token: applicant });
      expectStatus('GET case', r, 200);
      const c = r.body as { status: string; licenceId: string | null };
      if (c.status === 'DONE') {
        if (!c.licenceId) throw new CaseError('DONE without a licenceId');
        rec.licenceId = c.licenceId;
        break;
      }
      if (performance.now() > deadline) throw new CaseError(`not DONE in time (status ${c.status})`);
      await sleep(backoff(attempt));
    }
    rec.e2eMs = performance.now() - t0;
    rec.doneEpoch = Date.now();
  } catch (e) {
    rec.error = e instanceof CaseError ? e.message : `transport: ${(e as Error).message}`;
  }
  return rec;
}
