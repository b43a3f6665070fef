/**
 * Whole-case pipeline benchmark (`npm run bench:pipeline`, see bench/README.md) against the platform that
 * `npm run up` started. It does not start the platform: when it is not up it says so and exits 1.
 *
 *  1. the machine's limits, measured now: PostgreSQL write commits/s (pgbench -N) and Kafka acks=all
 *     produce messages/s (kafkajs, batched 1 KiB messages to a scratch topic);
 *  2. BENCH_CONCURRENCY clients (16) for BENCH_SECONDS (60) each drive whole 食品经营许可 cases through the
 *     gateway: submit → accept → (wait for the approval to open) → 3 approvals → poll until DONE; then
 *     every licence's QR token is verified;
 *  3. server-side hop latencies from the databases' timestamps, CPU per case per process from /proc,
 *     RSS per service, the ratio of the achieved rate to what the measured limits allow, and the targets.
 */
import { execFile } from 'node:child_process';
import { cpus } from 'node:os';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import {
  CLK_TCK,
  envInt,
  fmt,
  HttpClient,
  kafkaPid,
  KAFKA_BROKERS,
  mint,
  PG_BASE,
  pcts,
  pgrep,
  procStat,
  procStatus,
  requirePlatform,
  ROOT,
  SCJG,
  servicePid,
  SERVICES,
  sleep,
  table,
} from './common';
import { CaseRecord, findItemCode, immediateCasesAtWindow, runCase } from './case-driver';
import { threadDelta, ThreadTicks, threadTicks } from './threads';

const run = promisify(execFile);
const CONCURRENCY = envInt('BENCH_CONCURRENCY', 16);
const SECONDS = envInt('BENCH_SECONDS', 60);
const WARMUP_SECONDS = envInt('BENCH_WARMUP_SECONDS', 120);
const RATE = process.env.BENCH_RATE ? envInt('BENCH_RATE', 10) : undefined;
const SKIP_LIMITS = process.env.BENCH_SKIP_LIMITS === '1';
const PG_HOST = new URL(PG_BASE).hostname;
const PG_PORT = new URL(PG_BASE).port || '5432';
const PG_USER = decodeURIComponent(new URL(PG_BASE).username || 'postgres');

const log = (s = '') => console.log(s);
const ms = (n: number) => fmt(n, 1);

// ── 1. limits ───────────────────────────────────────────────────────────────────────────────────────────
async function pgbenchTps(): Promise<number> {
  const conn = ['-h', PG_HOST, '-p', PG_PORT, '-U', PG_USER];
  await run('dropdb', [...conn, '--if-exists', 'bench_pgbench']);
  await run('createdb', [...conn, 'bench_pgbench']);
  try {
    await run('pgbench', [...conn, '-i', '-s', '10', '-q', 'bench_pgbench'], { maxBuffer: 1 << 24 });
    const { stdout } = await run(
      'pgbench',
      [...conn, '-N', '-c', '8', '-j', '2', '-T', '10', 'bench_pgbench'],
      {
        maxBuffer: 1 << 24,
      },
    );
    const m =
      /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(
        stdout,
      );
    if (!m) throw new Error(`cannot parse pgbench output:\n${stdout}`);
    return Number(m[1]);
  } finally {
    await run('dropdb', [...conn, '--if-exists', 'bench_pgbench']);
  }
}

async function kafkaProduceRate(seconds = 5): Promise<{ perSec: number; sent: number }> {
  const topic = 'bench.scratch';
  const kafka = new Kafka({ clientId: 'bench-limit', brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  try {
    const existing = await admin.listTopics();
    if (existing.includes(topic)) await admin.deleteTopics({ topics: [topic] });
    await admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    await producer.connect();
    const value = Buffer.alloc(1024, 'x');
    const batch = Array.from({ length: 100 }, (_, i) => ({ key: String(i), value }));
    await producer.send({ topic, acks: -1, messages: batch }); // warm-up (metadata, connections)
    let sent = 0;
    const t0 = performance.now();
    const end = t0 + seconds * 1000;
    // 4 loops of 100-message batches in flight: what the outbox relays do (sendBatch, acks=all).
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (performance.now() < end) {
          await producer.send({ topic, acks: -1, messages: batch });
          sent += batch.length;
        }
      }),
    );
    const perSec = sent / ((performance.now() - t0) / 1000);
    return { perSec, sent };
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

class Pacer {
  private next = 0;
  constructor(private readonly perSecond?: number) {}
  async slot(): Promise<void> {
    if (!this.perSecond) return;
    const now = performance.now();
    const at = Math.max(this.next, now);
    this.next = at + 1000 / this.perSecond;
    if (at > now) await sleep(at - now);
  }
}

// ── CPU / memory ────────────────────────────────────────────────────────────────────────────────────────
interface CpuSnapshot {
  at: number;
  procs: Record<string, number>; // ticks per named process group
  sys: Record<string, number>; // of which in the kernel (stime)
  pgByDb: Map<number, { db: string; ticks: number }>;
  benchMicros: number;
  machineBusy: number;
  machineTotal: number;
  /** the machine's busy ticks in the kernel: system, irq, softirq (loopback TCP is processed in softirq) */
  machineKernel: number;
  threads: Record<string, ThreadTicks | undefined>; // services and kafka
}

const GROUPS = [...SERVICES, 'kafka', 'postgres', 'redis'] as const;
type Group = (typeof GROUPS)[number];

function machineTicks(): { busy: number; total: number; kernel: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0); // user..steal (guest is inside user)
  const idle = cpu[3] + cpu[4];
  return { busy: total - idle, total, kernel: cpu[2] + cpu[5] + cpu[6] };
}

/**
 * All postgres processes plus the CPU of exited children the postmaster reaped (cutime + cstime); `sys`
 * counts the live processes' stime only (/proc has no split of the reaped children's time).
 */
function postgresTicks(): { ticks: number; sys: number } {
  const pids = pgrep('postgres');
  const set = new Set(pids);
  let ticks = 0;
  let sys = 0;
  for (const pid of pids) {
    const s = procStat(pid);
    if (!s) continue;
    ticks += s.ticks;
    sys += s.sysTicks;
    if (!set.has(s.ppid)) ticks += s.childTicks; // the postmaster
  }
  return { ticks, sys };
}

async function pgBackendDbs(pg: Client): Promise<Map<number, string>> {
  const r = await pg.query<{ pid: number; datname: string | null; backend_type: string }>(
    'SELECT pid, datname, backend_type FROM pg_stat_activity',
  );
  return new Map(r.rows.map((x) => [x.pid, x.datname ?? `(${x.backend_type})`]));
}

async function cpuSnapshot(pg: Client): Promise<CpuSnapshot> {
  const procs: Record<string, number> = {};
  const sys: Record<string, number> = {};
  const one = (g: string, pid: number | undefined) => {
    const s = procStat(pid ?? -1);
    procs[g] = s?.ticks ?? NaN;
    sys[g] = s?.sysTicks ?? NaN;
  };
  for (const svc of SERVICES) one(svc, servicePid(svc));
  one('kafka', kafkaPid());
  const pgTicks = postgresTicks();
  procs.postgres = pgTicks.ticks;
  sys.postgres = pgTicks.sys;
  const redis = pgrep('redis-server').map((pid) => procStat(pid));
  procs.redis = redis.reduce((s, r) => s + (r?.ticks ?? 0), 0);
  sys.redis = redis.reduce((s, r) => s + (r?.sysTicks ?? 0), 0);
  const pgByDb = new Map<number, { db: string; ticks: number }>();
  for (const [pid, db] of await pgBackendDbs(pg)) {
    const s = procStat(pid);
    if (s) pgByDb.set(pid, { db, ticks: s.ticks });
  }
  const threads: Record<string, ThreadTicks | undefined> = { kafka: threadTicks(kafkaPid()) };
  for (const svc of SERVICES) threads[svc] = threadTicks(servicePid(svc));
  const u = process.cpuUsage();
  const m = machineTicks();
  return {
    at: performance.now(),
    procs,
    sys,
    pgByDb,
    benchMicros: u.user + u.system,
    machineBusy: m.busy,
    machineTotal: m.total,
    machineKernel: m.kernel,
    threads,
  };
}

// ── 3. analysis from the databases ──────────────────────────────────────────────────────────────────────
async function withDb<T>(db: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: `${PG_BASE}/${db}` });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

interface OutboxRow {
  event_id: string;
  topic: string;
  case_no: string;
  created_at: Date;
  published_at: Date | null;
}

async function main(): Promise<void> {
  await requirePlatform();
  const runId = randomUUID().slice(0, 8);
  log(`一网通办 pipeline benchmark  run ${runId}  ${new Date().toISOString()}`);
  log(
    `platform: the one \`npm run up\` started (pids from .infra/run/*.pid, Kafka ${kafkaPid() ?? '?'}), gateway ${
      process.env.BENCH_GATEWAY ?? 'http://127.0.0.1:3000'
    }`,
  );
  log(
    `machine: ${readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? '?'} CPUs, CLK_TCK ${CLK_TCK}`,
  );
  log();

  // 1. limits
  let pgTps = NaN;
  let kafkaRate = NaN;
  if (SKIP_LIMITS) {
    log('== 1. Machine limits: skipped (BENCH_SKIP_LIMITS=1)');
  } else {
    log('== 1. Machine limits (measured now, same machine, platform idle)');
    pgTps = await pgbenchTps();
    log(`  PostgreSQL: ${fmt(pgTps, 0)} write transactions/s  (pgbench -i -s 10 into bench_pgbench, then`);
    log(
      '              pgbench -N -c 8 -j 2 -T 10: TPC-B without branch/teller updates: update + select + insert per commit)',
    );
    const k = await kafkaProduceRate();
    kafkaRate = k.perSec;
    log(
      `  Kafka:      ${fmt(kafkaRate, 0)} messages/s produced with acks=all  (kafkajs 2.2.4, 1 KiB messages,`,
    );
    log(`              batches of 100, 4 batches in flight, 3-partition scratch topic bench.scratch, 5 s,`);
    log(`              ${k.sent} messages; topic created and deleted by the bench)`);
  }
  log();

  // idle cost of the platform (no requests): relay polls, consumer heartbeats, timers
  const pgAdmin = new Client({ connectionString: `${PG_BASE}/postgres` });
  await pgAdmin.connect();
  const autovacuum = (await pgAdmin.query<{ autovacuum: string }>('SHOW autovacuum')).rows[0].autovacuum;
  if (autovacuum !== 'on') {
    log(
      `== PostgreSQL runs with autovacuum = ${autovacuum}: the platform's tables are never vacuumed or analyzed here ` +
        '(production runs it; the first run on new databases costs more, README twenty-first session)',
    );
  }
  const IDLE_S = 5;
  const idle0 = await cpuSnapshot(pgAdmin);
  await sleep(IDLE_S * 1000);
  const idle1 = await cpuSnapshot(pgAdmin);
  const idleCores = (g: Group) =>
    ((idle1.procs[g] - idle0.procs[g]) * (1000 / CLK_TCK)) / 1000 / ((idle1.at - idle0.at) / 1000);
  const idleMachine =
    ((idle1.machineBusy - idle0.machineBusy) / (idle1.machineTotal - idle0.machineTotal)) * cpus().length;
  log(
    `== Idle platform over ${IDLE_S} s (no requests), cores: ${GROUPS.map((g) => `${g} ${fmt(idleCores(g), 3)}`).join(', ')}; ` +
      `whole machine busy ${fmt(idleMachine, 2)} cores`,
  );
  log();

  // 2. cases
  const httpc = new HttpClient(undefined, CONCURRENCY * 2);
  const itemCode = await findItemCode(httpc);
  // Per client: its own clerk and three different approvers of 杭州市市场监督管理局 (separation of duties).
  const staff = Array.from({ length: CONCURRENCY }, (_, c) => ({
    clerk: mint('clerk', `bench-${runId}-clerk-${c}`, { name: '窗口人员', dept: SCJG }),
    approvers: [1, 2, 3].map((k) =>
      mint('approver', `bench-${runId}-appr-${c}-${k}`, { name: `审批${k}`, dept: SCJG }),
    ),
  }));
  log(
    `== 2. Whole cases: ${CONCURRENCY} clients for ${SECONDS} s${RATE ? `, submissions capped at ${RATE}/s (BENCH_RATE)` : ''}`,
  );
  log(
    '  each: POST application → POST accept → long poll GET application until IN_APPROVAL → 3 × POST decision',
  );
  log(
    '        → long poll GET application (waitVersion) until DONE with a licenceId: one request per change',
  );
  // Warm-up (not counted): one case per client (connections, caches), then WARMUP_SECONDS of the same load:
  // the broker's JIT compilers alone spent ~0.2 cores for the first minute of load (section 5 shows them).
  const warm = await Promise.all(staff.map((s, c) => runCase(httpc, c, itemCode, s, runId, -1)));
  const warmErrors = warm.filter((w) => w.error);
  if (warmErrors.length) {
    log(`  warm-up failed: ${warmErrors.length} of ${warm.length} cases; first: ${warmErrors[0].error}`);
    process.exit(1);
  }
  const warmEnd = performance.now() + WARMUP_SECONDS * 1000;
  await Promise.all(
    staff.map(async (s, c) => {
      for (let seq = -2; performance.now() < warmEnd; seq--) {
        const w = await runCase(httpc, c, itemCode, s, runId, seq);
        warm.push(w);
        if (w.error) throw new Error(`warm-up case failed: ${w.error}`);
      }
    }),
  );
  log(
    `  warm-up: ${warm.length} cases done in ${WARMUP_SECONDS} s of load + one per client (not counted, BENCH_WARMUP_SECONDS), ` +
      `p50 ${ms(pcts(warm.map((w) => w.e2eMs!)).p50)} ms`,
  );
  await sleep(1000);

  const before = await cpuSnapshot(pgAdmin);
  const pacer = new Pacer(RATE);
  const t0 = performance.now();
  const endAt = t0 + SECONDS * 1000;
  const records: CaseRecord[] = [];
  await Promise.all(
    staff.map(async (s, c) => {
      for (let seq = 0; ; seq++) {
        await pacer.slot();
        if (performance.now() >= endAt) return;
        records.push(await runCase(httpc, c, itemCode, s, runId, seq));
      }
    }),
  );
  const elapsedS = (performance.now() - t0) / 1000;
  const after = await cpuSnapshot(pgAdmin);
  const rss = Object.fromEntries(SERVICES.map((svc) => [svc, procStatus(servicePid(svc) ?? -1)]));
  const kafkaMem = procStatus(kafkaPid() ?? -1);
  await pgAdmin.end();

  const ok = records.filter((r) => !r.error);
  const failed = records.filter((r) => r.error);
  const casesPerS = ok.length / elapsedS;
  const e2e = pcts(ok.map((r) => r.e2eMs!));
  const polls = pcts(ok.map((r) => r.statusPolls));
  const apolls = pcts(ok.map((r) => r.approvalPolls));
  const reqs = pcts(ok.map((r) => r.requests));
  log(
    `  ${records.length} cases started in ${SECONDS} s, ${ok.length} DONE, ${failed.length} errors; wall time incl. drain ${fmt(elapsedS, 1)} s`,
  );
  for (const f of failed.slice(0, 5)) {
    log(`    error (client ${f.client}, ${f.caseNo ?? 'no case'}): ${f.error}`);
  }
  log('  requests per case (every one went through the gateway; the cost figures below include them):');
  log(
    table(
      [
        [
          'GET application (long polls until DONE)',
          fmt(polls.mean, 2),
          String(polls.p50),
          String(polls.p95),
          String(polls.max),
        ],
        [
          'GET approval (polls until it opened)',
          fmt(apolls.mean, 2),
          String(apolls.p50),
          String(apolls.p95),
          String(apolls.max),
        ],
        [
          'all HTTP requests (5 writes + the polls)',
          fmt(reqs.mean, 2),
          String(reqs.p50),
          String(reqs.p95),
          String(reqs.max),
        ],
      ],
      ['', 'mean', 'p50', 'p95', 'max'],
    ),
  );
  const statusHist = new Map<number, number>();
  for (const r of ok) statusHist.set(r.statusPolls, (statusHist.get(r.statusPolls) ?? 0) + 1);
  log(
    `  status polls per case (polls: cases): ${[...statusHist.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}`,
  );
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const csvFile = join(ROOT, 'bench', 'results', `pipeline-${runId}.csv`);
  writeFileSync(
    csvFile,
    [
      'client,case_no,e2e_ms,status_polls,approval_polls,requests,licence_id,error',
      ...records.map((r) =>
        [
          r.client,
          r.caseNo ?? '',
          r.e2eMs?.toFixed(1) ?? '',
          r.statusPolls,
          r.approvalPolls,
          r.requests,
          r.licenceId ?? '',
          JSON.stringify(r.error ?? ''),
        ].join(','),
      ),
    ].join('\n') + '\n',
  );
  log(`  per-case detail (status requests of every case): bench/results/pipeline-${runId}.csv`);

  // verification of every licence (after the load: not in the CPU figures)
  const caseNos = ok.map((r) => r.caseNo!);
  const licences = await withDb('gov_certificate', (c) =>
    c.query<{ case_no: string; licence_id: string; qr_token: string; created_at: Date }>(
      'SELECT case_no, licence_id, qr_token, created_at FROM licences WHERE case_no = ANY($1)',
      [caseNos],
    ),
  ).then((r) => r.rows);
  const licByCase = new Map(licences.map((l) => [l.case_no, l]));
  let verified = 0;
  const verifyErrors: string[] = [];
  const queue = [...ok];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let r = queue.pop(); r; r = queue.pop()) {
        const l = licByCase.get(r.caseNo!);
        if (!l) {
          verifyErrors.push(`${r.caseNo}: no licence row`);
          continue;
        }
        const v = await httpc.request('GET', `/api/v1/verify/${l.qr_token}`);
        const b = v.body as { valid?: boolean; licence?: { licenceId?: string } };
        if (v.status === 200 && b.valid === true && b.licence?.licenceId === r.licenceId) verified++;
        else verifyErrors.push(`${r.caseNo}: HTTP ${v.status} ${JSON.stringify(v.body).slice(0, 200)}`);
      }
    }),
  );
  httpc.close();
  log(`  licences verified (GET /api/v1/verify/{qr_token} for every case): ${verified} of ${ok.length}`);
  for (const e of verifyErrors.slice(0, 5)) log(`    verify error: ${e}`);
  log();

  log('== 3. Throughput and end-to-end latency per case (client clock, submit → DONE seen)');
  log(`  cases/s: ${fmt(casesPerS, 2)}   (${ok.length} cases / ${fmt(elapsedS, 1)} s)`);
  log(
    `  latency: p50 ${ms(e2e.p50)} ms  p95 ${ms(e2e.p95)} ms  p99 ${ms(e2e.p99)} ms  max ${ms(e2e.max)} ms  (client clock; the long poll answers when the case changes)`,
  );
  log();

  // 4. hops from the databases
  log('== 4. Server-side latency of each asynchronous hop (database timestamps, same clock), ms');
  const intake = await withDb('gov_intake', async (c) => ({
    cases: (
      await c.query<{ case_no: string; submitted_at: Date; accepted_at: Date; done_at: Date }>(
        'SELECT case_no, submitted_at, accepted_at, done_at FROM cases WHERE case_no = ANY($1)',
        [caseNos],
      )
    ).rows,
    timeline: (
      await c.query<{ case_no: string; action: string; occurred_at: Date; source_event_id: string | null }>(
        'SELECT case_no, action, occurred_at, source_event_id FROM case_timeline WHERE case_no = ANY($1) ORDER BY id',
        [caseNos],
      )
    ).rows,
  }));
  const approvals = await withDb('gov_approval', (c) =>
    c.query<{ case_no: string; opened_at: Date; decided_at: Date }>(
      'SELECT case_no, opened_at, decided_at FROM approval_cases WHERE case_no = ANY($1)',
      [caseNos],
    ),
  ).then((r) => r.rows);
  const licenceIds = licences.map((l) => l.licence_id);
  const DBS = ['intake', 'approval', 'certificate', 'evaluation'] as const;
  const outbox: Record<string, OutboxRow[]> = {};
  const processed: Record<
    string,
    Array<{ event_id: string; consumer: string; topic: string; processed_at: Date }>
  > = {};
  for (const d of DBS) {
    outbox[d] = await withDb(`gov_${d}`, (c) =>
      c.query<OutboxRow>(
        `SELECT event_id, topic, COALESCE(payload->>'caseNo', message_key) AS case_no, created_at, published_at
           FROM outbox WHERE message_key = ANY($1) OR message_key = ANY($2) OR payload->>'caseNo' = ANY($1)`,
        [caseNos, licenceIds],
      ),
    ).then((r) => r.rows);
  }
  const eventIds = DBS.flatMap((d) => outbox[d].map((o) => o.event_id));
  for (const d of DBS) {
    processed[d] = await withDb(`gov_${d}`, (c) =>
      c.query<{ event_id: string; consumer: string; topic: string; processed_at: Date }>(
        'SELECT event_id, consumer, topic, processed_at FROM processed_events WHERE event_id = ANY($1::uuid[])',
        [eventIds],
      ),
    ).then((r) => r.rows);
  }
  const caseByNo = new Map(intake.cases.map((c) => [c.case_no, c]));
  const apprByNo = new Map(approvals.map((a) => [a.case_no, a]));
  const licenceEventCase = new Map(
    outbox.certificate
      .filter((o) => o.topic.startsWith('certificate.licence.issued'))
      .map((o) => [o.event_id, o.case_no]),
  );
  const intakeLicenceHandled = new Map<string, Date>();
  for (const p of processed.intake) {
    const cn = licenceEventCase.get(p.event_id);
    if (cn) intakeLicenceHandled.set(cn, p.processed_at);
  }
  const diff = (a?: Date | null, b?: Date | null) => (a && b ? a.getTime() - b.getTime() : NaN);
  const finite = (xs: number[]) => xs.filter((x) => Number.isFinite(x));
  const hop = (f: (cn: string) => number) => pcts(finite(caseNos.map(f)));
  const hops: Array<[string, ReturnType<typeof pcts>]> = [
    [
      'submitted → accepted (client: submit response, then accept call)',
      hop((cn) => diff(caseByNo.get(cn)?.accepted_at, caseByNo.get(cn)?.submitted_at)),
    ],
    [
      'accepted → approval opened (approval_cases.opened_at)',
      hop((cn) => diff(apprByNo.get(cn)?.opened_at, caseByNo.get(cn)?.accepted_at)),
    ],
    [
      'approval decided → licence row created (licences.created_at)',
      hop((cn) => diff(licByCase.get(cn)?.created_at, apprByNo.get(cn)?.decided_at)),
    ],
    [
      'licence created → case done in intake (inbox processed_at)',
      hop((cn) => diff(intakeLicenceHandled.get(cn), licByCase.get(cn)?.created_at)),
    ],
    [
      'licence created → cases.done_at (= the event time, see note)',
      hop((cn) => diff(caseByNo.get(cn)?.done_at, licByCase.get(cn)?.created_at)),
    ],
    [
      'case done in intake → DONE seen by the client (polling delay)',
      hop((cn) => {
        const r = ok.find((x) => x.caseNo === cn);
        return diff(r?.doneEpoch ? new Date(r.doneEpoch) : undefined, intakeLicenceHandled.get(cn));
      }),
    ],
  ];
  for (const d of DBS) {
    const rows = outbox[d];
    hops.push([
      `outbox created → published: ${d} (${rows.length} rows)`,
      pcts(finite(rows.map((o) => diff(o.published_at, o.created_at)))),
    ]);
  }
  log(
    table(
      hops.map(([name, p]) => [name, String(p.n), ms(p.p50), ms(p.p95), ms(p.p99), ms(p.max)]),
      ['hop', 'n', 'p50', 'p95', 'p99', 'max'],
    ),
  );
  // Timeline of a case relative to its submission
  const byAction = new Map<string, number[]>();
  const stepSeen = new Map<string, number>();
  // Only entries from this platform's own events: anything else sharing the broker (e.g. a test run
  // whose fresh database hands out the same case numbers) can add entries under the same case number.
  const ownEvents = new Set(eventIds);
  const foreign = intake.timeline.filter((t) => t.source_event_id && !ownEvents.has(t.source_event_id));
  if (foreign.length > 0) {
    log(
      `  WARNING: ${foreign.length} timeline entries of the measured cases come from events this platform did not ` +
        `publish (${[...new Set(foreign.map((f) => f.action))].join(', ')}): another producer on the same broker ` +
        'uses the same case numbers; they are left out below.',
    );
  }
  for (const t of intake.timeline.filter((x) => !x.source_event_id || ownEvents.has(x.source_event_id))) {
    const sub = caseByNo.get(t.case_no)?.submitted_at;
    if (!sub) continue;
    let action = t.action;
    if (action === 'STEP_COMPLETED') {
      const n = (stepSeen.get(t.case_no) ?? 0) + 1;
      stepSeen.set(t.case_no, n);
      action = `STEP_COMPLETED #${n}`;
    }
    byAction.set(action, [...(byAction.get(action) ?? []), diff(t.occurred_at, sub)]);
  }
  log('  case_timeline.occurred_at − cases.submitted_at, by action (ms):');
  log(
    table(
      [...byAction.entries()].map(([a, xs]) => {
        const p = pcts(xs);
        return [a, String(p.n), ms(p.p50), ms(p.p95), ms(p.p99)];
      }),
      ['action', 'n', 'p50', 'p95', 'p99'],
    ),
  );
  log('  notes: opened_at, decided_at, accepted_at, licences.created_at and processed_at are the handling');
  log(
    "  transaction's time (now()); cases.done_at and the timeline of event-driven entries carry the event's",
  );
  log('  own time (ce_time / payload), so "licence created → done" is measured at the intake inbox instead.');
  log(
    '  published_at is now() of the relay transaction (taken before the Kafka send): created → published is',
  );
  log('  the wait until the relay picks the row up, not the send itself.');
  log();

  // 5. CPU per case
  log('== 5. CPU per case (utime+stime from /proc/<pid>/stat, before/after the measured load incl. drain)');
  const tick = 1000 / CLK_TCK;
  const cpuMs = (g: Group) => (after.procs[g] - before.procs[g]) * tick;
  const n = ok.length || 1;
  const rows: string[][] = [];
  let platform = 0;
  for (const g of GROUPS) {
    const v = cpuMs(g);
    platform += Number.isFinite(v) ? v : 0;
    const kernel = (100 * (after.sys[g] - before.sys[g]) * tick) / v;
    rows.push([
      g,
      fmt(v, 0),
      fmt(v / n, 2),
      fmt(v / 1000 / elapsedS, 2),
      fmt(idleCores(g), 3),
      Number.isFinite(kernel) ? `${fmt(kernel, 0)} %` : '-',
    ]);
  }
  const idlePlatform = GROUPS.reduce((sum, g) => sum + (Number.isFinite(idleCores(g)) ? idleCores(g) : 0), 0);
  const benchMs = (after.benchMicros - before.benchMicros) / 1000;
  rows.push([
    'PLATFORM TOTAL (services + postgres + kafka + redis)',
    fmt(platform, 0),
    fmt(platform / n, 2),
    fmt(platform / 1000 / elapsedS, 2),
    fmt(idlePlatform, 3),
  ]);
  rows.push([
    'bench clients (this process, excluded)',
    fmt(benchMs, 0),
    fmt(benchMs / n, 2),
    fmt(benchMs / 1000 / elapsedS, 2),
  ]);
  const machineMs = (after.machineBusy - before.machineBusy) * tick;
  const machineCap = (after.machineTotal - before.machineTotal) * tick;
  rows.push([
    'whole machine busy (/proc/stat)',
    fmt(machineMs, 0),
    fmt(machineMs / n, 2),
    fmt(machineMs / 1000 / elapsedS, 2),
  ]);
  const other = machineMs - platform - benchMs;
  rows.push([
    '  of which other processes (not the platform or bench)',
    fmt(other, 0),
    fmt(other / n, 2),
    fmt(other / 1000 / elapsedS, 2),
  ]);
  log(table(rows, ['process', 'CPU ms', 'ms / case', 'cores', 'idle cores', 'in kernel']));
  const machineKernelMs = (after.machineKernel - before.machineKernel) * tick;
  log(
    `  in the kernel (stime; postgres: its live processes): system calls, above all socket reads and writes. ` +
      `Whole machine: ${fmt((100 * machineKernelMs) / machineMs, 0)} % of its busy time in system + irq + softirq`,
  );
  log(
    `  of the platform's ${fmt(platform / n, 1)} ms per case, ${fmt((idlePlatform * elapsedS * 1000) / n, 1)} ms is what it burns when idle ` +
      `(${fmt(idlePlatform, 3)} cores × ${fmt(elapsedS, 1)} s / ${n} cases)`,
  );
  if (other / 1000 / elapsedS > 0.1) {
    log(
      `  WARNING: other processes on this machine used ${fmt(other / 1000 / elapsedS, 2)} cores during the load; ` +
        'throughput and latency are pessimistic (the CPU per case above is not inflated by them).',
    );
  }
  log(
    `  machine utilisation during the load: ${fmt((100 * machineMs) / machineCap, 0)} % of ${fmt(machineCap / 1000 / elapsedS, 0)} cores`,
  );
  const perCase = (ticks: number) => fmt((ticks * tick) / n, 1);
  const kt = threadDelta(before.threads.kafka, after.threads.kafka);
  log(
    `  by thread, ms per case: kafka JIT compilers (C1/C2) ${perCase(kt.jit)}, its other threads ${perCase(kt.main + kt.other)}; ` +
      SERVICES.map((svc) => {
        const d = threadDelta(before.threads[svc], after.threads[svc]);
        return `${svc} main ${perCase(d.main)} + other threads ${perCase(d.other)}`;
      }).join(', '),
  );
  log("  (a service's other threads: V8's GC and optimizing-compiler helpers, libuv, the licence workers)");
  // postgres by database, for backends alive throughout
  const pgDb = new Map<string, number>();
  for (const [pid, a] of after.pgByDb) {
    const b = before.pgByDb.get(pid);
    if (!b) continue;
    pgDb.set(a.db, (pgDb.get(a.db) ?? 0) + (a.ticks - b.ticks) * tick);
  }
  log(
    `  postgres by database (backends alive throughout): ${[...pgDb.entries()]
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([db, v]) => `${db} ${fmt(v, 0)} ms`)
      .join(', ')}`,
  );
  log('  postgres = all `pgrep -x postgres` processes + cutime/cstime of the postmaster (exited backends).');
  // The server is shared: other databases' work (e.g. integration tests) lands in the postgres figure.
  let pgOwn = 0;
  for (const [db, v] of pgDb) if (db.startsWith('gov_') || db.startsWith('(')) pgOwn += v;
  const pgAll = cpuMs('postgres');
  if (pgAll - pgOwn > 0.2 * pgAll) {
    const platformOwn = platform - pgAll + pgOwn;
    log(
      `  NOTE: only ${fmt(pgOwn, 0)} of the ${fmt(pgAll, 0)} postgres CPU ms were gov_* backends and background processes; ` +
        `the rest is other databases or exited backends. Counting only those: platform ${fmt(platformOwn / n, 1)} ms per case.`,
    );
  }
  log();

  // 6. memory
  log('== 6. Memory per service (VmHWM = peak RSS since the process started; VmRSS after the run)');
  log(
    table(
      [
        ...SERVICES.map((svc) => [
          svc,
          fmt((rss[svc]?.hwmKiB ?? NaN) / 1024, 1),
          fmt((rss[svc]?.rssKiB ?? NaN) / 1024, 1),
        ]),
        [
          'kafka (JVM, for reference)',
          fmt((kafkaMem?.hwmKiB ?? NaN) / 1024, 1),
          fmt((kafkaMem?.rssKiB ?? NaN) / 1024, 1),
        ],
      ],
      ['process', 'peak MiB', 'after MiB'],
    ),
  );
  log();

  // 7. ratio to the limits
  log('== 7. Achieved rate against what the measured limits allow');
  const msgsPerCase = DBS.reduce((s, d) => s + outbox[d].length, 0) / n;
  const handlings = DBS.reduce((s, d) => s + processed[d].length, 0) / n;
  const relayTx =
    DBS.reduce((s, d) => s + new Set(outbox[d].map((o) => o.published_at?.getTime())).size, 0) / n;
  const httpWrites = 5;
  const txPerCase = httpWrites + handlings + relayTx;
  const topicCount = new Map<string, number>();
  for (const d of DBS) for (const o of outbox[d]) topicCount.set(o.topic, (topicCount.get(o.topic) ?? 0) + 1);
  log(
    `  Kafka messages per case: ${fmt(msgsPerCase, 2)} (outbox rows of the measured cases in all four databases: ${[
      ...topicCount.entries(),
    ]
      .map(([t, c]) => `${t} ${fmt(c / n, 2)}`)
      .join(', ')})`,
  );
  log(`  write transactions per case: ${fmt(txPerCase, 2)} =`);
  log(
    `    ${httpWrites} HTTP writes (submit, accept, 3 decisions: one transaction each, outbox row included)`,
  );
  log(
    `    + ${fmt(handlings, 2)} consumer handlings (processed_events rows of the case's events: one transaction each)`,
  );
  log(
    `    + ${fmt(relayTx, 2)} outbox relay transactions that published the case's rows (distinct published_at,`,
  );
  log('      shared by the cases of one batch). Not counted: idle relay polls (a fixed cost, not per case),');
  log('      the rate limiter (Redis) and reads (status polls are read-only, no commit).');
  const pgBound = pgTps / txPerCase;
  const kafkaBound = kafkaRate / msgsPerCase;
  const bound = Math.min(pgBound, kafkaBound);
  log(`  PostgreSQL allows ${fmt(pgTps, 0)} / ${fmt(txPerCase, 2)} = ${fmt(pgBound, 1)} cases/s`);
  log(`  Kafka allows      ${fmt(kafkaRate, 0)} / ${fmt(msgsPerCase, 2)} = ${fmt(kafkaBound, 1)} cases/s`);
  log(
    `  achieved ${fmt(casesPerS, 2)} cases/s = ${fmt((100 * casesPerS) / bound, 1)} % of the tighter limit (${fmt(bound, 1)} cases/s)`,
  );
  log();

  // 8. targets
  const decided = hops[2][1];
  let errors = failed.length + verifyErrors.length;
  const targets: Array<[string, string, boolean]> = [
    [
      `≥ 20 cases/s for ${SECONDS} s, zero errors, every licence verifies`,
      `${fmt(casesPerS, 2)} cases/s, ${failed.length} errors, ${verified}/${ok.length} verified`,
      casesPerS >= 20 && errors === 0 && verified === ok.length && ok.length > 0,
    ],
    [
      `approval decided → licence issued p99 < 1 s (at 10 cases/s${RATE === 10 ? '' : `; this run: ${RATE ? `BENCH_RATE=${RATE}` : 'uncapped'}, ${fmt(casesPerS, 1)} cases/s`})`,
      `p99 ${ms(decided.p99)} ms`,
      decided.p99 < 1000,
    ],
    ['platform CPU ≤ 60 ms per case', `${fmt(platform / n, 1)} ms`, platform / n <= 60],
    [
      'every service < 256 MiB RSS after the run',
      SERVICES.map((svc) => `${svc} ${fmt((rss[svc]?.rssKiB ?? NaN) / 1024, 0)}`).join(', '),
      SERVICES.every((svc) => (rss[svc]?.rssKiB ?? Infinity) < 256 * 1024),
    ],
  ];
  log('== 7b. 即办件 at the window (受理即办结): 受理 → licence, one case at a time after the load');
  const immHttp = new HttpClient(undefined, 4);
  const imm = await immediateCasesAtWindow(immHttp, runId, envInt('BENCH_IMMEDIATE_CASES', 10));
  immHttp.close();
  const immServer = await withDb('gov_intake', (c) =>
    c.query<{ ms: number }>(
      `SELECT EXTRACT(EPOCH FROM (done_at - accepted_at)) * 1000 AS ms FROM cases WHERE case_no = ANY($1)`,
      [imm.caseNos],
    ),
  ).then((r) => r.rows.map((x) => Number(x.ms)));
  const immLic = await withDb('gov_certificate', (c) =>
    c.query<{ case_no: string; created_at: Date }>(
      'SELECT case_no, created_at FROM licences WHERE case_no = ANY($1)',
      [imm.caseNos],
    ),
  ).then((r) => new Map(r.rows.map((x) => [x.case_no, x.created_at])));
  const immAccepted = await withDb('gov_intake', (c) =>
    c.query<{ case_no: string; accepted_at: Date }>(
      'SELECT case_no, accepted_at FROM cases WHERE case_no = ANY($1)',
      [imm.caseNos],
    ),
  ).then((r) => r.rows);
  const immToLicence = immAccepted.map(
    (a) => (immLic.get(a.case_no)?.getTime() ?? NaN) - a.accepted_at.getTime(),
  );
  const whole = (v: number) => fmt(v, 0);
  const pc = (v: number[]) => pcts(v.filter((x) => Number.isFinite(x)));
  log(
    table(
      [
        ['受理 → licence row created (server)', pc(immToLicence)],
        ['受理 → case DONE in intake (server)', pc(immServer)],
        ['accept call → DONE with licence seen (client)', pc(imm.clientMs)],
      ].map(([name, p]) => {
        const q = p as ReturnType<typeof pcts>;
        return [name as string, String(q.n), whole(q.p50), whole(q.p95), whole(q.max)];
      }),
      ['即办件', 'n', 'p50 ms', 'p95 ms', 'max ms'],
    ),
  );
  for (const e of imm.errors.slice(0, 3)) log(`    即办 error: ${e}`);
  errors += imm.errors.length;
  log('== 8. Targets');
  log(
    table(
      targets.map(([t, m, p]) => [p ? 'PASS' : 'FAIL', t, m]),
      ['', 'target', 'measured'],
    ),
  );
  if (errors > 0) {
    log(`\n${errors} errors: the run is not valid`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
