/**
 * Drives one whole 食品经营许可 case through the gateway, as a client would: submit → accept → wait for
 * the approval to open (long poll on the case) → three approvers decide steps 1-3 → long poll until DONE
 * with a licence. Counts every
 * request it makes, polls included (bench/pipeline.ts, bench/api.ts).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { foodLicenceApplication } from '../libs/shared/src/testing/identities';
import { envInt, HttpClient, mint } from './common';

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
