/**
 * Read-path API benchmark (`npm run bench:api`, see bench/README.md) against the platform that `npm run up`
 * started: BENCH_API_CONNECTIONS (32) keep-alive connections (node:http Agent, no dependency) for
 * BENCH_API_SECONDS (15) per endpoint, after a short unmeasured warm-up:
 *   - GET /api/v1/items                 anonymous catalog
 *   - GET /api/v1/applications/{caseNo} the owner's token (one case is created first)
 *   - GET /api/v1/verify/{token}        QR verification with the token of a real issued licence
 * 429s (rate limited) are counted apart from other errors; the limit in force is read from the gateway's
 * x-ratelimit-limit header. Anonymous requests are limited per client address, so each anonymous endpoint
 * is driven from its own loopback source address (127.0.0.11, 127.0.0.12), see bench/README.md.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { findItemCode, runCase } from './case-driver';
import {
  envInt,
  fmt,
  HttpClient,
  mint,
  PG_BASE,
  pcts,
  procStat,
  requirePlatform,
  SCJG,
  servicePid,
  SERVICES,
  CLK_TCK,
  sleep,
  table,
} from './common';

const CONNECTIONS = envInt('BENCH_API_CONNECTIONS', 32);
const SECONDS = envInt('BENCH_API_SECONDS', 15);
const WARMUP_SECONDS = envInt('BENCH_API_WARMUP_SECONDS', 2);
const log = (s = '') => console.log(s);

interface Scenario {
  name: string;
  path: string;
  token?: string;
  localAddress?: string;
  minRps: number;
  maxP99Ms?: number;
}

interface Outcome {
  scenario: Scenario;
  requests: number;
  ok: number;
  limited: number;
  errors: number;
  transportErrors: number;
  firstError?: string;
  rps: number;
  p50: number;
  p99: number;
  rateLimitHeader?: string;
  cpuMs: Record<string, number>;
  benchCpuMs: number;
}

async function drive(s: Scenario, seconds: number): Promise<Outcome> {
  const client = new HttpClient(undefined, CONNECTIONS, s.localAddress);
  const latencies: number[] = [];
  let ok = 0;
  let limited = 0;
  let errors = 0;
  let transportErrors = 0;
  let firstError: string | undefined;
  let rateLimitHeader: string | undefined;
  const cpu0 = Object.fromEntries(
    SERVICES.map((svc) => [svc, procStat(servicePid(svc) ?? -1)?.ticks ?? NaN]),
  );
  const b0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        try {
          const r = await client.request('GET', s.path, { token: s.token, parse: false });
          latencies.push(r.ms);
          rateLimitHeader ??= r.headers['x-ratelimit-limit'] as string | undefined;
          if (r.status >= 200 && r.status < 300) ok++;
          else if (r.status === 429) limited++;
          else {
            errors++;
            firstError ??= `HTTP ${r.status}`;
          }
        } catch (e) {
          transportErrors++;
          firstError ??= (e as Error).message;
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const b1 = process.cpuUsage(b0);
  const cpuMs = Object.fromEntries(
    SERVICES.map((svc) => [
      svc,
      (((procStat(servicePid(svc) ?? -1)?.ticks ?? NaN) - cpu0[svc]) * 1000) / CLK_TCK,
    ]),
  );
  client.close();
  const p = pcts(latencies);
  return {
    scenario: s,
    requests: latencies.length + transportErrors,
    ok,
    limited,
    errors,
    transportErrors,
    firstError,
    rps: ok / elapsed,
    p50: p.p50,
    p99: p.p99,
    rateLimitHeader,
    cpuMs,
    benchCpuMs: (b1.user + b1.system) / 1000,
  };
}

async function main(): Promise<void> {
  await requirePlatform();
  const runId = randomUUID().slice(0, 8);
  log(`一网通办 API benchmark  run ${runId}  ${new Date().toISOString()}`);
  log(
    `${CONNECTIONS} keep-alive connections (node:http Agent), ${SECONDS} s per endpoint after ${WARMUP_SECONDS} s warm-up`,
  );

  // One case of our own (the owner reads it) and a real licence token to verify.
  const setup = new HttpClient(undefined, 4);
  const itemCode = await findItemCode(setup);
  const staff = {
    clerk: mint('clerk', `bench-api-${runId}-clerk`, { dept: SCJG }),
    approvers: [1, 2, 3].map((k) => mint('approver', `bench-api-${runId}-appr-${k}`, { dept: SCJG })),
  };
  const c = await runCase(setup, 0, itemCode, staff, runId, 0);
  setup.close();
  if (c.error || !c.caseNo) throw new Error(`could not create the case to read: ${c.error}`);
  const owner = mint('applicant', `bench-${runId}-c0-0`, { name: '张三' }); // the applicant runCase used
  const pg = new Client({ connectionString: `${PG_BASE}/gov_certificate` });
  await pg.connect();
  const lic = await pg.query<{ qr_token: string; licence_id: string }>(
    'SELECT qr_token, licence_id FROM licences WHERE case_no = $1',
    [c.caseNo],
  );
  await pg.end();
  if (!lic.rows[0]) throw new Error(`no licence row for ${c.caseNo}`);
  log(`case ${c.caseNo} (DONE in ${fmt(c.e2eMs ?? NaN, 0)} ms) and its licence ${lic.rows[0].licence_id}`);
  log();

  const scenarios: Scenario[] = [
    {
      name: 'GET /api/v1/items (anonymous)',
      path: '/api/v1/items',
      localAddress: '127.0.0.11',
      minRps: 3000,
      maxP99Ms: 50,
    },
    {
      name: 'GET /api/v1/applications/{caseNo} (owner)',
      path: `/api/v1/applications/${c.caseNo}`,
      token: owner,
      minRps: 1500,
    },
    {
      name: 'GET /api/v1/verify/{token} (QR, anonymous)',
      path: `/api/v1/verify/${lic.rows[0].qr_token}`,
      localAddress: '127.0.0.12',
      minRps: 2000,
      maxP99Ms: 50,
    },
  ];
  const outcomes: Outcome[] = [];
  for (const s of scenarios) {
    await drive(s, WARMUP_SECONDS);
    await sleep(500);
    const o = await drive(s, SECONDS);
    outcomes.push(o);
    log(
      `${s.name}: ${fmt(o.rps, 0)} req/s 2xx, p50 ${fmt(o.p50, 1)} ms, p99 ${fmt(o.p99, 1)} ms; ${o.requests} requests, ` +
        `${o.ok} 2xx, ${o.limited} 429 (rate limited), ${o.errors} other non-2xx, ${o.transportErrors} transport errors` +
        `${o.firstError ? ` (first: ${o.firstError})` : ''}; rate limit in force ${o.rateLimitHeader ?? '?'}/min` +
        `${s.localAddress ? ` for source ${s.localAddress}` : ' for the token'}`,
    );
    log(
      `  CPU during the run (ms per 1,000 requests): ${SERVICES.filter((svc) => o.cpuMs[svc] > 0)
        .map((svc) => `${svc} ${fmt((o.cpuMs[svc] * 1000) / Math.max(1, o.requests), 0)}`)
        .join(
          ', ',
        )}; load generator (this process) ${fmt((o.benchCpuMs * 1000) / Math.max(1, o.requests), 0)}`,
    );
    await sleep(500);
  }
  log();
  log('Targets (req/s counts 2xx only; a 429 or any other non-2xx is not a served request):');
  log(
    table(
      outcomes.map((o) => {
        const s = o.scenario;
        const pass =
          o.rps >= s.minRps &&
          (s.maxP99Ms === undefined || o.p99 < s.maxP99Ms) &&
          o.errors === 0 &&
          o.limited === 0 &&
          o.transportErrors === 0;
        return [
          pass ? 'PASS' : 'FAIL',
          s.name,
          `≥ ${fmt(s.minRps, 0)} req/s${s.maxP99Ms ? `, p99 < ${s.maxP99Ms} ms` : ''}, no errors`,
          `${fmt(o.rps, 0)} req/s, p50 ${fmt(o.p50, 1)} ms, p99 ${fmt(o.p99, 1)} ms, ${o.limited} × 429, ${o.errors + o.transportErrors} errors`,
        ];
      }),
      ['', 'endpoint', 'target', 'measured'],
    ),
  );
  if (outcomes.some((o) => o.limited > 0)) {
    log('');
    log('Some requests were rate limited (429): restart the platform with a higher limit, e.g.');
    log(
      '  npm run down && RATE_LIMIT_PER_MINUTE=100000 npm run up     (100000 is the maximum GatewayConfig accepts)',
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
