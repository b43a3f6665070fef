/**
 * Drives one whole 食品经营许可 case through the gateway, as a client would: submit → accept → wait for
 * the approval to open (long poll on the case) → three approvers decide steps 1-3 → long poll until DONE
 * with a licence. Counts every
 * request it makes, polls included (bench/pipeline.ts, bench/api.ts).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { foodLicenceApplication } from '../libs/shared/src/testing/identities';
import { immediateLicenceItem } from '../libs/shared/src/testing/catalog-items';
import { envInt, HttpClient, mint, SCJG } from './common';

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
      body: foodLicenceApplication(itemCode),
    });
    expectStatus('submit', submitted, 201);
    const caseNo = (submitted.body as { caseNo: string }).caseNo;
    rec.caseNo = caseNo;
    const accepted = await call('POST', `/api/v1/applications/${caseNo}/accept`, {
      token: staff.clerk,
      body: { remark: '材料齐全，予以受理' },
    });
    expectStatus('accept', accepted, 200);
    // The approval opens asynchronously (intake → Kafka → approval → Kafka → intake). The client follows
    // the case with the long poll (`waitVersion`): one request per change, no polling.
    type CaseState = { status: string; licenceId: string | null; version: number };
    const follow = async (from: number, until: (c: CaseState) => boolean): Promise<CaseState> => {
      let version = from;
      for (;;) {
        rec.statusPolls++;
        const r = await call('GET', `/api/v1/applications/${caseNo}?waitVersion=${version}&waitSeconds=20`, {
          token: applicant,
        });
        expectStatus('GET case (long poll)', r, 200);
        const c = r.body as CaseState;
        if (until(c)) return c;
        if (performance.now() > deadline) {
          throw new CaseError(`case did not progress in time (status ${c.status})`);
        }
        version = c.version;
      }
    };
    const opened = await follow((accepted.body as CaseState).version, (c) => c.status !== 'ACCEPTED');
    if (opened.status !== 'IN_APPROVAL') throw new CaseError(`unexpected status ${opened.status} after 受理`);
    const opinions = ['承办意见：材料符合要求', '审核意见：同意', '批准：准予许可'];
    for (let i = 0; i < 3; i++) {
      const d = await call('POST', `/api/v1/approvals/${caseNo}/decision`, {
        token: staff.approvers[i],
        body: { stepNo: i + 1, decision: 'approve', opinion: opinions[i] },
      });
      expectStatus(`decision ${i + 1}`, d, 200);
    }
    const done = await follow(opened.version, (c) => c.status === 'DONE');
    if (!done.licenceId) throw new CaseError('DONE without a licenceId');
    rec.licenceId = done.licenceId;
    rec.e2eMs = performance.now() - t0;
    rec.doneEpoch = Date.now();
  } catch (e) {
    rec.error = e instanceof CaseError ? e.message : `transport: ${(e as Error).message}`;
  }
  return rec;
}

/**
 * 即办件 at the window (issue 8: 受理即办结): publishes the 即办 个体工商户设立登记 item if it is not in the
 * catalog yet, then files `n` cases one at a time at the window, a clerk accepts each, and the client
 * follows the case (long poll) until DONE with its licence. Returns each case's 受理 → DONE-with-licence
 * time as the client saw it, and the case numbers (the caller reads the servers' timestamps).
 */
export async function immediateCasesAtWindow(
  httpc: HttpClient,
  runId: string,
  n: number,
): Promise<{ clientMs: number[]; caseNos: string[]; errors: string[] }> {
  const admin = mint('admin', `bench-admin-${runId}`);
  const item = immediateLicenceItem(SCJG, '杭州市市场监督管理局');
  const existing = await httpc.request('GET', `/api/v1/items/${item.taskCode}`);
  if (existing.status === 404) {
    expectStatus(
      'create 即办 item',
      await httpc.request('POST', '/api/v1/items', { token: admin, body: item }),
      201,
    );
    expectStatus(
      'publish 即办 item',
      await httpc.request('POST', `/api/v1/items/${item.taskCode}/publish`, { token: admin }),
      200,
    );
  }
  const clerk = mint('clerk', `bench-clerk-imm-${runId}`, { name: '窗口', dept: SCJG });
  const out = { clientMs: [] as number[], caseNos: [] as string[], errors: [] as string[] };
  for (let i = 0; i < n; i++) {
    const applicant = mint('applicant', `bench-imm-${runId}-${i}`, { name: '王小二' });
    try {
      const submitted = await httpc.request('POST', '/api/v1/applications', {
        token: applicant,
        body: {
          itemCode: item.taskCode,
          applicant: {
            userProp: '1',
            name: '王小二',
            certType: '111',
            certNo: '11010519491231002X',
            phone: '13912345678',
          },
          formData: { tradeName: `王小二早餐店${i}`, premises: '杭州市拱墅区湖墅南路 1 号' },
          materials: ['M01', 'M02'].map((code) => ({ code, fileName: `${code}.pdf` })),
          submitChannel: '0',
        },
      });
      expectStatus('submit 即办', submitted, 201);
      const caseNo = (submitted.body as { caseNo: string }).caseNo;
      const t0 = performance.now();
      const accepted = await httpc.request('POST', `/api/v1/applications/${caseNo}/accept`, {
        token: clerk,
        body: { remark: '当场受理' },
      });
      expectStatus('accept 即办', accepted, 200);
      let version = (accepted.body as { version: number }).version;
      for (;;) {
        const r = await httpc.request(
          'GET',
          `/api/v1/applications/${caseNo}?waitVersion=${version}&waitSeconds=20`,
          {
            token: applicant,
          },
        );
        expectStatus('GET 即办 case', r, 200);
        const c = r.body as { status: string; licenceId: string | null; version: number };
        if (c.status === 'DONE' && c.licenceId) break;
        if (performance.now() - t0 > CASE_TIMEOUT_MS) {
          throw new CaseError(`即办 case not done (status ${c.status})`);
        }
        version = c.version;
      }
      out.clientMs.push(performance.now() - t0);
      out.caseNos.push(caseNo);
    } catch (e) {
      out.errors.push((e as Error).message);
    }
  }
  return out;
}
