import { randomBytes } from 'node:crypto';
import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import fc from 'fast-check';
import { loadConfig } from '../../libs/shared/src/config/load-config';
import { ALL_ROLES } from '../../libs/shared/src/auth/principal';
import { testToken } from '../../libs/shared/src/testing/test-env';
import {
  countChanges,
  installWriteLog,
  requestWritesSince,
  rowCounts,
  writeLogMark,
} from '../support/db-counts';
import { roleToken, STAFF_DEPT } from '../support/doc-route-checks';
import { HostileRequest, hostileRequest } from '../support/hostile';
import { http } from '../support/http';
import { companyUscc } from '../support/identities';
import { fetchMergedDocument, OpenApiDocument, operationsOf } from '../support/openapi';
import { Platform, startPlatform } from '../support/platform';
import { closeRawAgent, rawRequest, RawResponse } from '../support/raw-http';

/**
 * Property-based fuzzing of every operation of the gateway's merged OpenAPI document, through the
 * gateway: hostile requests derived from each operation's parameters and request schema (hostile.ts),
 * sent with a token of a role the operation allows, so they reach the services' own validation.
 * Properties, per request: never a 5xx; every non-2xx answer is the documented error body
 * `{code, message, details?, correlationId}` with the x-correlation-id header (the same id). Per
 * operation: a run in which every request was refused wrote nothing to any table of the four service
 * databases (row counts before and after; growth is allowed only when some request got a 2xx).
 * Seeded (FUZZ_SEED to replay another seed, FUZZ_RUNS for more runs per operation).
 */
/** FUZZ_SEED / FUZZ_RUNS: replay a failing seed, or search longer. */
class FuzzConfig {
  @Type(() => Number) @IsInt() FUZZ_SEED = 20261125;
  @Type(() => Number) @IsInt() @Min(1) FUZZ_RUNS = 40;
}
const { FUZZ_SEED: SEED, FUZZ_RUNS: RUNS } = loadConfig(FuzzConfig);

/**
 * Failures known and reported, not yet fixed in the app: operation → the failing case. The test
 * passes while exactly these operations fail (and fails once one is fixed, so the entry is removed).
 */
const KNOWN_FAILURES: Record<string, string> = {};

const ERROR_KEYS = new Set(['code', 'message', 'details', 'correlationId']);

/** What is wrong with one answer (undefined when it is fine). */
function violation(res: RawResponse): string | undefined {
  if (res.status >= 500) return `5xx (${res.status})`;
  if (res.status >= 200 && res.status < 300) return undefined;
  const header = res.headers['x-correlation-id'];
  if (typeof header !== 'string' || header === '') return 'no x-correlation-id header';
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return 'error body is not JSON';
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'error body is not an object';
  const b = body as Record<string, unknown>;
  const wrong = [
    typeof b.code !== 'string' || b.code === '' ? 'code' : '',
    typeof b.message !== 'string' || b.message === '' ? 'message' : '',
    typeof b.correlationId !== 'string' || b.correlationId === '' ? 'correlationId' : '',
    ...Object.keys(b).filter((k) => !ERROR_KEYS.has(k)),
  ].filter(Boolean);
  if (wrong.length > 0) return `error body shape: ${wrong.join(', ')} wrong or unexpected`;
  if (b.correlationId !== header) return `correlationId ${String(b.correlationId)} ≠ header ${header}`;
  return undefined;
}

/** A request for the report: printable, long values shortened. */
function describeRequest(r: HostileRequest): Record<string, unknown> {
  const short = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
  const body =
    r.body === undefined
      ? undefined
      : Buffer.isBuffer(r.body)
        ? `<${r.body.length} bytes: ${JSON.stringify(r.body.subarray(0, 60).toString('latin1'))}>`
        : short(r.body);
  return {
    method: r.method,
    path: short(r.path),
    role: r.role,
    contentType: r.contentType,
    headers: r.headers && Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, short(v)])),
    body,
  };
}

interface Finding {
  operation: string;
  problem: string;
  request: Record<string, unknown>;
  response: { status: number; headers: Record<string, unknown>; body: string };
}

describe('fuzzing every operation of the merged OpenAPI document through the gateway', () => {
  const run = randomBytes(3).toString('hex');
  let platform: Platform | undefined;
  let doc: OpenApiDocument;
  const owner = testToken({ sub: `fuzz-citizen-${run}`, roles: ['applicant'], name: '张三' });
  const tokens: Record<string, string> = {};
  const known: Record<string, string[]> = {};

  const tokenOf = (role: string): string => {
    const t = tokens[role];
    if (!t) throw new Error(`the fuzz test has no token for role ${role}`);
    return t;
  };

  beforeAll(async () => {
    platform = await startPlatform(run, {
      logLevel: 'warn',
      // A short upstream timeout: the long-poll test below proves the gateway extends it for long polls.
      gatewayEnv: { RATE_LIMIT_PER_MINUTE: '100000', UPSTREAM_TIMEOUT_MS: '3000' },
    });
    doc = await fetchMergedDocument(platform.gw);
    await installWriteLog(platform.dbs);
    // Every role an operation may allow (chief, dept_head, supervisor included): a request sent with a
    // missing token would stop at 401 and never reach the service's validation.
    for (const role of ALL_ROLES.filter((r) => r !== 'applicant')) {
      tokens[role] = roleToken(role, run);
    }
    tokens.applicant = owner; // the owner of the real case below
    // One real case (SUBMITTED, of the department the staff tokens act for), so hostile requests also
    // meet existing data: its case number and item code are among the path values tried.
    const items = await http('GET', `${platform.gw}/api/v1/items?pageSize=100`);
    const food = items.body.items.find((i: { name: string }) => i.name === '食品经营许可');
    expect(food.deptCode).toBe(STAFF_DEPT);
    const submitted = await http('POST', `${platform.gw}/api/v1/applications`, {
      token: owner,
      body: {
        itemCode: food.taskCode,
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
      },
    });
    expect([submitted.status, submitted.status === 201 ? '' : submitted.body]).toEqual([201, '']);
    known.caseNo = [submitted.body.caseNo];
    known.itemCode = [food.taskCode];
  });

  afterAll(async () => {
    closeRawAgent();
    await platform?.stop();
  });

  it(`never answers 5xx, always with the error body, and writes nothing when refusing (${RUNS} runs per operation)`, async () => {
    const gw = platform!.gw;
    const findings: Finding[] = [];
    const failedOps = new Map<string, string>();
    const summary: string[] = [];
    const allStatuses = new Map<number, number>();
    let total = 0;
    const t0 = Date.now();
    for (const [i, o] of operationsOf(doc).entries()) {
      const roles = o.op['x-public'] === true ? [] : (o.op['x-roles'] ?? []);
      const statuses = new Map<number, number>();
      let ok = 0;
      const mark = await writeLogMark(platform!.dbs);
      const before = await rowCounts(platform!.dbs);
      const result = await fc.check(
        fc.asyncProperty(hostileRequest(doc, o, { roles, known }), async (req) => {
          const res = await rawRequest(gw, req.method, req.path, {
            headers: {
              ...(req.headers ?? {}),
              ...(req.role ? { authorization: `Bearer ${tokenOf(req.role)}` } : {}),
              ...(req.contentType !== undefined ? { 'content-type': req.contentType } : {}),
            },
            body: req.body,
          }).catch((e: Error): RawResponse => ({
            status: 0,
            headers: {},
            text: `no response: ${e.message}`,
          }));
          total++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          allStatuses.set(res.status, (allStatuses.get(res.status) ?? 0) + 1);
          if (res.status >= 200 && res.status < 300) ok++;
          const problem = res.status === 0 ? res.text : violation(res);
          if (problem) {
            findings.push({
              operation: o.key,
              problem,
              request: describeRequest(req),
              response: {
                status: res.status,
                headers: {
                  'content-type': res.headers['content-type'],
                  'x-correlation-id': res.headers['x-correlation-id'],
                },
                body: res.text.slice(0, 500),
              },
            });
            throw new Error(
              `${problem}: ${JSON.stringify(describeRequest(req))} → ${res.status} ${res.text.slice(0, 300)}`,
            );
          }
        }),
        { numRuns: RUNS, seed: SEED + i, maxSkipsPerRun: 0 },
      );
      if (result.failed) {
        failedOps.set(
          o.key,
          `seed ${SEED + i}, path ${result.counterexamplePath}: ${String(result.errorInstance)}`,
        );
      }
      const after = await rowCounts(platform!.dbs);
      const changes = countChanges(before, after);
      // Events of other runs on the shared broker keep arriving: a consumer's transaction (it records the
      // event in processed_events) may write rows of its own. Every other write came from a request.
      const { requestWrites, consumerTransactions, consumerTables } = await requestWritesSince(
        platform!.dbs,
        mark,
      );
      const unexplained = Object.keys(changes).filter((t) => !consumerTables.has(t));
      if (ok === 0 && (unexplained.length > 0 || Object.keys(requestWrites).length > 0)) {
        const what = [
          ...unexplained.map((t) => `${t}: ${changes[t]} rows`),
          ...Object.entries(requestWrites).map(([k, n]) => `${k} ×${n}`),
        ].join(', ');
        failedOps.set(o.key, `${failedOps.get(o.key) ?? ''} refused requests wrote: ${what}`.trim());
        findings.push({
          operation: o.key,
          problem: `rows written though every request was refused: ${what}`,
          request: {},
          response: { status: 0, headers: {}, body: '' },
        });
      }
      const wrote = Object.keys(requestWrites);
      const notes = [
        ok > 0 && wrote.length > 0 ? `2xx wrote: ${wrote.join(', ')}` : '',
        consumerTransactions > 0 ? `${consumerTransactions} events consumed meanwhile` : '',
      ].filter(Boolean);
      const hist = [...statuses.entries()]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ');
      summary.push(`${o.key.padEnd(44)} ${hist}${notes.length > 0 ? `  (${notes.join('; ')})` : ''}`);
    }
    const ops = operationsOf(doc).length;
    console.log(
      [
        `[fuzz] seed ${SEED}: ${ops} operations × ${RUNS} runs = ${total} requests (incl. shrinking) in ${Math.round((Date.now() - t0) / 1000)} s`,
        `[fuzz] statuses: ${[...allStatuses.entries()]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ')}`,
        ...summary,
      ].join('\n'),
    );
    if (findings.length > 0) {
      console.log(
        `[fuzz] findings (${findings.length}):\n${findings.map((f) => JSON.stringify(f)).join('\n')}`,
      );
    }
    expect(
      Object.fromEntries([...failedOps.keys()].map((k) => [k, KNOWN_FAILURES[k] ?? failedOps.get(k)])),
    ).toEqual(KNOWN_FAILURES);
  }, 600_000);

  /**
   * Found by this fuzz (FUZZ_SEED=7 FUZZ_RUNS=150): the case long poll (`waitVersion`, waiting up to
   * `waitSeconds`) outlived the gateway's upstream timeout, and the gateway answered 503
   * UPSTREAM_UNAVAILABLE to a valid request. The gateway now gives a long poll its wait plus 5 s; here the
   * upstream timeout is 3 s and the poll waits 4 s.
   */
  it('answers a long poll that waits longer than the upstream timeout without a 5xx', async () => {
    const res = await rawRequest(
      platform!.gw,
      'GET',
      `/api/v1/applications/${known.caseNo[0]}?waitVersion=1e3&waitSeconds=4`,
      {
        headers: { authorization: `Bearer ${owner}` },
        timeoutMs: 40_000,
      },
    );
    expect([res.status, violation(res)]).toEqual([200, undefined]);
  }, 45_000);
});
