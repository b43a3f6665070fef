/**
 * The chaos suite (`npm run chaos`; CI runs `CHAOS_SHORT=1`): the whole platform on PRIVATE infrastructure
 * (test/chaos/infra.ts) under a steady load of whole cases driven through the gateway by clients that retry
 * like real ones. Faults, one at a time: kill -9 of each service (then restart), kill -9 of the Kafka
 * broker (then restart), a PostgreSQL restart, Redis stopped (then started); and on a three-node Kafka
 * cluster (replication 3, min.insync.replicas 2) one broker killed for good. After each fault is cleared
 * the recovery — until a case completes again — is measured. At the end, once the pipeline is quiet, the
 * invariants must hold: accepted cases = approval cases; approved = licences (one per case) = cases done;
 * no dead letters; one rating at most per case. Prints a table; exits 1 when an invariant or a target fails.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { generateEs256KeyPair, signToken } from '../../libs/shared/src/auth/token-signer';
import { dlqOf, TOPICS } from '../../libs/shared/src/contracts/topics';
import { TEST_WORK_CALENDAR_FILE } from '../../libs/shared/src/testing/work-calendar.fixture';
import { PrivateKafka, PrivatePostgres, PrivateRedis, ROOT } from './infra';
import { chaosConfig } from './chaos-config';
import { Load } from './load';
import { freePortBlock, PORT_OFFSETS } from './ports';

const CONFIG = chaosConfig();
const SHORT = CONFIG.CHAOS_SHORT === '1';
const CLIENTS = CONFIG.CHAOS_CLIENTS ?? (SHORT ? 3 : 4);
const HOLD_MS = CONFIG.CHAOS_HOLD_MS ?? (SHORT ? 2000 : 4000);
const BROKER_RECOVERY_TARGET_MS = 15_000;
/**
 * Three brokers, one lost: the longest gap between two completed cases. The failover itself takes ~2–3 s
 * (the lost broker fenced 2 s after its last heartbeat, then clients find the new leaders and coordinator);
 * a case in flight then finishes. Quiet-machine runs measured 3.9–4.6 s.
 */
const FAILOVER_GAP_TARGET_MS = 6_000;
const SCJG = '113301000024901620';
const SERVICES = ['intake', 'approval', 'certificate', 'evaluation'] as const;
type Svc = (typeof SERVICES)[number] | 'gateway';
/** Filled by choosePorts() before anything starts: a free block below the ephemeral port range. */
let BASE = 0;
const PORTS: Record<Svc, number> = { gateway: 0, intake: 0, approval: 0, certificate: 0, evaluation: 0 };
const LOG_DIR = join(ROOT, '.infra', 'chaos', new Date().toISOString().replace(/[:.]/g, '-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (m: string) => console.log(`[chaos] ${m}`);

/** The last lines of a service's log, printed when it fails to start (CI keeps only what is printed). */
function logTail(svc: Svc, lines = 30): string {
  try {
    return readFileSync(join(LOG_DIR, `${svc}.log`), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

// ── the platform ────────────────────────────────────────────────────────────────────────────────────────
class PlatformUnderTest {
  private readonly procs = new Map<Svc, ChildProcess>();
  readonly keys = generateEs256KeyPair();
  private readonly signing = sm2.generateKeyPairHex();

  constructor(
    private readonly pg: PrivatePostgres,
    private readonly redis: PrivateRedis,
    private readonly kafka: PrivateKafka,
  ) {}

  private env(svc: Svc): Record<string, string> {
    const common: Record<string, string> = {
      PATH: CONFIG.PATH,
      TS_NODE_PROJECT: join(ROOT, 'tsconfig.dist.json'),
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      PORT: String(PORTS[svc]),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: this.kafka.brokers.join(','),
      KAFKA_CLIENT_ID: `chaos-${svc}`,
      JWT_PUBLIC_KEY: this.keys.publicKeyPem,
      WORK_CALENDAR_FILE: TEST_WORK_CALENDAR_FILE,
      SHUTDOWN_DELAY_MS: '0',
    };
    if (svc === 'gateway') {
      return {
        ...common,
        REDIS_URL: this.redis.url,
        DATABASE_URL: `${this.pg.url}/gov_gateway`,
        KAFKA_GROUP_ID: 'chaos-gateway',
        KAFKA_RETRY_BASE_MS: '100',
        RATE_LIMIT_PER_MINUTE: '100000',
        RATE_LIMIT_PUBLIC_READ_PER_MINUTE: '1000000',
        INTAKE_URL: `http://127.0.0.1:${PORTS.intake}`,
        APPROVAL_URL: `http://127.0.0.1:${PORTS.approval}`,
        CERTIFICATE_URL: `http://127.0.0.1:${PORTS.certificate}`,
        EVALUATION_URL: `http://127.0.0.1:${PORTS.evaluation}`,
      };
    }
    return {
      ...common,
      DATABASE_URL: `${this.pg.url}/gov_${svc}`,
      KAFKA_GROUP_ID: `chaos-${svc}`,
      PII_HASH_KEY: 'chaos-pii-hash-key-0123456789',
      KAFKA_RETRY_BASE_MS: '100',
      ...(svc === 'certificate'
        ? {
            SIGNING_PRIVATE_KEY: this.signing.privateKey,
            SIGNING_KEY_ID: 'chaos-1',
            PUBLIC_BASE_URL: `http://127.0.0.1:${PORTS.gateway}`,
            LICENCE_WORKERS: '1',
          }
        : {}),
    };
  }

  start(svc: Svc): void {
    mkdirSync(LOG_DIR, { recursive: true });
    const fd = openSync(join(LOG_DIR, `${svc}.log`), 'a');
    const child = spawn(
      process.execPath,
      ['-r', 'tsconfig-paths/register', join(ROOT, `dist/apps/${svc}/src/main.js`)],
      { cwd: ROOT, env: this.env(svc), stdio: ['ignore', fd, fd] },
    );
    this.procs.set(svc, child);
  }

  async ready(svc: Svc, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const child = this.procs.get(svc)!;
      if (child.exitCode !== null) {
        throw new Error(`${svc} exited (${child.exitCode}); see ${LOG_DIR}/${svc}.log\n${logTail(svc)}`);
      }
      const r = await fetch(`http://127.0.0.1:${PORTS[svc]}/health/ready`).catch(() => undefined);
      if (r?.status === 200) return;
      if (Date.now() > deadline) {
        throw new Error(`${svc} not ready in time; see ${LOG_DIR}/${svc}.log\n${logTail(svc)}`);
      }
      await sleep(250);
    }
  }

  async kill9(svc: Svc): Promise<void> {
    const child = this.procs.get(svc)!;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.procs.values()].map(async (c) => {
        if (c.exitCode !== null || c.signalCode !== null) return;
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        const t = setTimeout(() => c.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(t);
      }),
    );
  }

  token(role: string, sub: string, name = '测试'): string {
    return signToken(
      { sub, roles: [role as 'applicant'], name, dept: role === 'applicant' ? undefined : SCJG },
      this.keys.privateKeyPem,
      {
        expiresInSeconds: 4 * 3600,
      },
    );
  }
}

// ── faults and invariants ───────────────────────────────────────────────────────────────────────────────
interface FaultResult {
  fault: string;
  heldMs: number;
  recoveryMs: number | undefined;
  maxGapMs?: number;
  target?: number;
}

/** One asynchronous hop of a case: a case in `from`'s state that `to` has not reached is held on it. */
interface Hop {
  name: string;
  from: { db: string; cases: string };
  topic: string;
  to: { svc: Exclude<Svc, 'gateway'>; cases: string };
}

const HOPS: Hop[] = [
  {
    name: 'accepted → approval case',
    from: { db: 'gov_intake', cases: `SELECT case_no FROM cases WHERE accepted_at IS NOT NULL` },
    topic: TOPICS.APPLICATION_ACCEPTED,
    to: { svc: 'approval', cases: `SELECT case_no FROM approval_cases` },
  },
  {
    name: 'approved → licence',
    from: { db: 'gov_approval', cases: `SELECT case_no FROM approval_cases WHERE status = 'APPROVED'` },
    topic: TOPICS.APPROVAL_CASE_APPROVED,
    to: { svc: 'certificate', cases: `SELECT case_no FROM licences` },
  },
  {
    name: 'licence → case done',
    from: { db: 'gov_certificate', cases: `SELECT case_no FROM licences` },
    topic: TOPICS.LICENCE_ISSUED,
    to: { svc: 'intake', cases: `SELECT case_no FROM cases WHERE status = 'DONE'` },
  },
  {
    name: 'case done → ratable',
    from: { db: 'gov_intake', cases: `SELECT case_no FROM cases WHERE status = 'DONE'` },
    topic: TOPICS.CASE_COMPLETED,
    to: { svc: 'evaluation', cases: `SELECT case_no FROM ratable_cases` },
  },
];

/**
 * Where a case that did not arrive is held (printed when an invariant fails; CI keeps only what is printed):
 * for each hop, the cases on it, their event in the producer's outbox (published or not), whether the
 * consumer recorded it as processed, and the consumer group's committed offsets against the topic's end.
 */
async function heldCases(pg: PrivatePostgres, kafka: PrivateKafka): Promise<void> {
  await kafka.withAdmin('chaos-held', async (admin) => {
    for (const hop of HOPS) {
      const caseNos = async (db: string, sql: string) =>
        new Set((await pg.query<{ case_no: string }>(db, sql)).map((r) => r.case_no));
      const reached = await caseNos(`gov_${hop.to.svc}`, hop.to.cases);
      const held = [...(await caseNos(hop.from.db, hop.from.cases))].filter((c) => !reached.has(c));
      if (held.length === 0) continue;
      log(`held on ${hop.name}: ${held.length} case(s)`);
      for (const caseNo of held.slice(0, 5)) {
        const events = await pg.query<{
          id: string;
          event_id: string;
          created_at: Date;
          published_at: Date | null;
          parked_at: Date | null;
          attempts: number;
          last_error: string | null;
        }>(
          hop.from.db,
          `SELECT id, event_id, created_at, published_at, parked_at, attempts, last_error FROM outbox
          WHERE topic = '${hop.topic}' AND message_key = '${caseNo.replace(/'/g, "''")}'`,
        );
        for (const e of events) {
          const processed = await pg.query<{ processed_at: Date }>(
            `gov_${hop.to.svc}`,
            `SELECT processed_at FROM processed_events WHERE event_id = '${e.event_id}'`,
          );
          log(
            `  ${caseNo}: outbox #${e.id} created ${e.created_at.toISOString()}, published ${
              e.published_at?.toISOString() ?? 'NOT YET'
            }${e.parked_at ? `, PARKED ${e.parked_at.toISOString()}` : ''}, ${e.attempts} refusal(s)${
              e.last_error ? ` (${e.last_error})` : ''
            }; ${hop.to.svc} processed ${processed[0]?.processed_at.toISOString() ?? 'NO'}`,
          );
        }
        if (events.length === 0) {
          log(`  ${caseNo}: no ${hop.topic} event in the outbox (pruned or never written)`);
        }
      }
      const ends = await admin.fetchTopicOffsets(hop.topic);
      const [committed] = await admin.fetchOffsets({ groupId: `chaos-${hop.to.svc}`, topics: [hop.topic] });
      const lag = ends.map((end) => {
        const c = committed?.partitions.find((x) => x.partition === end.partition)?.offset ?? '-1';
        return `p${end.partition} ${c}/${end.high}`;
      });
      log(`  group chaos-${hop.to.svc} on ${hop.topic} (committed/end): ${lag.join(', ')}`);
      const group = await admin.describeGroups([`chaos-${hop.to.svc}`]);
      const g = group.groups[0];
      log(`  group state ${g?.state}, ${g?.members.length ?? 0} member(s)`);
    }
  });
}

async function invariants(pg: PrivatePostgres, kafka: PrivateKafka, load: Load): Promise<string[]> {
  const one = async (db: string, sql: string) => Number((await pg.query<{ n: string }>(db, sql))[0].n);
  const read = async () => ({
    accepted: await one('gov_intake', `SELECT count(*) AS n FROM cases WHERE accepted_at IS NOT NULL`),
    done: await one('gov_intake', `SELECT count(*) AS n FROM cases WHERE status = 'DONE'`),
    approvalCases: await one('gov_approval', `SELECT count(*) AS n FROM approval_cases`),
    approved: await one('gov_approval', `SELECT count(*) AS n FROM approval_cases WHERE status = 'APPROVED'`),
    licences: await one('gov_certificate', `SELECT count(*) AS n FROM licences`),
    licencedCases: await one('gov_certificate', `SELECT count(DISTINCT case_no) AS n FROM licences`),
    reviews: await one('gov_evaluation', `SELECT count(*) AS n FROM reviews`),
    reviewedCases: await one('gov_evaluation', `SELECT count(DISTINCT case_no) AS n FROM reviews`),
    ratable: await one('gov_evaluation', `SELECT count(*) AS n FROM ratable_cases`),
  });
  // Quiet first: wait until every asynchronous hop has caught up (stable for 3 s).
  let last = '';
  let stableSince = Date.now();
  let v = await read();
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    v = await read();
    const settled =
      v.accepted === v.approvalCases &&
      v.approved === v.licences &&
      v.licences === v.done &&
      v.ratable === v.done;
    const now = JSON.stringify(v);
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
    if (settled && Date.now() - stableSince > 3000) break;
    await sleep(500);
  }
  log(
    `final counts: ${JSON.stringify(v)}; client-side: ${load.done.length} cases done, ${load.rated} rated, ${load.failures.length} gave up`,
  );
  const problems: string[] = [];
  if (v.accepted !== v.approvalCases) {
    problems.push(`accepted cases ${v.accepted} ≠ approval cases ${v.approvalCases}`);
  }
  if (v.approved !== v.licences) problems.push(`approved ${v.approved} ≠ licences ${v.licences}`);
  if (v.licences !== v.licencedCases) {
    problems.push(`licences ${v.licences} for ${v.licencedCases} cases (doubled)`);
  }
  if (v.licences !== v.done) problems.push(`licences ${v.licences} ≠ cases done ${v.done}`);
  if (v.ratable !== v.done) problems.push(`ratable cases ${v.ratable} ≠ cases done ${v.done}`);
  if (v.reviews !== v.reviewedCases) {
    problems.push(`reviews ${v.reviews} for ${v.reviewedCases} cases (doubled)`);
  }
  if (v.done < load.done.length) {
    problems.push(`clients saw ${load.done.length} cases done, intake has ${v.done}`);
  }
  if (load.failures.length > 0) {
    problems.push(
      `clients gave up on ${load.failures.length} case(s): ${load.failures.slice(0, 3).join('; ')}`,
    );
  }
  if (problems.length > 0) await heldCases(pg, kafka).catch((e: unknown) => log(`held cases: ${String(e)}`));
  await kafka.withAdmin('chaos-check', async (admin) => {
    for (const t of Object.values(TOPICS)) {
      const offsets = await admin.fetchTopicOffsets(dlqOf(t));
      const n = offsets.reduce((s, o) => s + Number(o.high), 0);
      if (n > 0) problems.push(`${n} dead letter(s) on ${dlqOf(t)}`);
    }
  });
  return problems;
}

async function runScenario(nodes: number): Promise<{ results: FaultResult[]; problems: string[] }> {
  BASE = await freePortBlock();
  Object.assign(PORTS, {
    gateway: BASE + PORT_OFFSETS.gateway,
    intake: BASE + PORT_OFFSETS.intake,
    approval: BASE + PORT_OFFSETS.approval,
    certificate: BASE + PORT_OFFSETS.certificate,
    evaluation: BASE + PORT_OFFSETS.evaluation,
  });
  const pg = new PrivatePostgres(BASE + PORT_OFFSETS.postgres);
  const redis = new PrivateRedis(BASE + PORT_OFFSETS.redis);
  const kafka = new PrivateKafka(nodes, BASE + PORT_OFFSETS.kafka);
  const p = new PlatformUnderTest(pg, redis, kafka);
  const load = new Load(() => `http://127.0.0.1:${PORTS.gateway}`, p, CLIENTS);
  const results: FaultResult[] = [];
  try {
    log(
      `starting private infrastructure (PostgreSQL :${pg.port}, Redis :${redis.port}, Kafka ${kafka.brokers.join(',')})`,
    );
    await pg.init();
    await pg.start();
    await pg.createDatabases([...SERVICES.map((s) => `gov_${s}`), 'gov_gateway']);
    redis.start();
    await kafka.startAll();
    await kafka.ready();
    await kafka.createTopics();
    for (const s of [...SERVICES, 'gateway'] as Svc[]) p.start(s);
    for (const s of [...SERVICES, 'gateway'] as Svc[]) await p.ready(s);
    log(`platform up (logs in ${LOG_DIR}); load: ${CLIENTS} clients`);
    await load.prepare();
    const clients = load.start();
    const warm = await load.nextDoneAfter(0, 120_000);
    if (!warm) throw new Error('no case completed before the faults');

    const fault = async (
      name: string,
      inject: () => Promise<void> | void,
      clear: () => Promise<void> | void,
      target?: number,
    ) => {
      await sleep(1500);
      const t0 = Date.now();
      await inject();
      await sleep(HOLD_MS);
      await clear();
      const cleared = Date.now();
      const next = await load.nextDoneAfter(cleared);
      const r: FaultResult = {
        fault: name,
        heldMs: cleared - t0,
        recoveryMs: next ? next - cleared : undefined,
        target,
      };
      results.push(r);
      log(`${name}: held ${r.heldMs} ms, flowing again ${r.recoveryMs ?? 'never'} ms after it was cleared`);
    };

    if (nodes === 1) {
      const victims: Svc[] = SHORT
        ? ['intake', 'certificate']
        : ['intake', 'approval', 'certificate', 'evaluation', 'gateway'];
      for (const s of victims) {
        await fault(
          `kill -9 ${s}`,
          () => p.kill9(s),
          async () => {
            p.start(s);
            await p.ready(s);
          },
        );
      }
      // Cleared when the restarted broker serves again; its own start (log recovery after a crash
      // included) is printed separately: the target is about the platform, not the JVM.
      let brokerStartMs = 0;
      await fault(
        'kill -9 Kafka broker',
        () => kafka.kill(1),
        async () => {
          const t = Date.now();
          await kafka.start(1);
          await kafka.serving();
          brokerStartMs = Date.now() - t;
        },
        BROKER_RECOVERY_TARGET_MS,
      );
      log(`the restarted broker took ${brokerStartMs} ms to serve again`);
      await fault(
        'PostgreSQL restart',
        () => undefined,
        () => pg.restart(),
      );
      await fault(
        'Redis stopped',
        () => redis.stop(),
        () => redis.start(),
      );
    } else {
      // One broker of three lost for good — the group coordinator's, the hardest one for consumers: no pause
      // expected; the longest gap between completions is measured.
      await sleep(3000);
      const victim = await kafka.coordinatorNode();
      log(`killing node ${victim} (the group coordinator's broker)`);
      const before = load.done.length;
      const t0 = Date.now();
      await kafka.kill(victim);
      await sleep(SHORT ? 15_000 : 30_000);
      const during = load.done.filter((d) => d.at > t0).map((d) => d.at);
      const gaps = [during[0] - t0, ...during.slice(1).map((t, i) => t - during[i])].filter(
        (g) => !Number.isNaN(g),
      );
      const maxGapMs = gaps.length > 0 ? Math.max(...gaps) : undefined;
      const gapEnd = maxGapMs === undefined ? undefined : [t0, ...during][gaps.indexOf(maxGapMs) + 1];
      results.push({
        fault: 'kill -9 one of 3 brokers',
        heldMs: Date.now() - t0,
        // No case completed while the broker was down: the pipeline stopped (a problem, not a long gap).
        recoveryMs: during.length > 0 ? 0 : undefined,
        maxGapMs,
        target: FAILOVER_GAP_TARGET_MS,
      });
      log(
        `one broker of three down: ${load.done.length - before} cases completed meanwhile, longest gap ${maxGapMs ?? '∞'} ms`,
      );
      // Where the gap falls (ms after the kill): a long one early is the failover, a late one is load.
      const last = load.done.filter((d) => d.at <= t0).map((d) => d.at - t0);
      log(
        `completions around the kill (ms from it): ${[...last.slice(-3), ...during.map((t) => t - t0)].join(', ')}`,
      );
      // What the clients were waiting for during the longest gap: the hop that stalled.
      if (gapEnd !== undefined && maxGapMs !== undefined) {
        const slow = load.slowStepsBetween(gapEnd - maxGapMs, gapEnd);
        log(
          `slow steps in the longest gap (ms from the kill): ${
            slow.map((s) => `${s.step} [client ${s.client}] ${s.start - t0}..${s.end - t0}`).join('; ') ||
            'none'
          }`,
        );
      }
      await kafka.start(victim);
    }
    await sleep(2000);
    load.running = false;
    await clients;
    const problems = await invariants(pg, kafka, load);
    return { results, problems };
  } finally {
    load.running = false;
    await p.stopAll().catch(() => undefined);
    await redis.stop().catch(() => undefined);
    await kafka.remove(LOG_DIR).catch(() => undefined);
    await pg.remove().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const scenarios = CONFIG.CHAOS_SCENARIOS.split(',').map(Number);
  const all: FaultResult[] = [];
  const problems: string[] = [];
  for (const nodes of scenarios) {
    log(
      `── scenario: ${nodes === 1 ? 'single broker' : `${nodes}-broker cluster`}${SHORT ? ' (short)' : ''}`,
    );
    const r = await runScenario(nodes);
    all.push(...r.results);
    problems.push(...r.problems.map((x) => `[${nodes} broker(s)] ${x}`));
  }
  // Time targets fail the run in the full suite; the short CI run (a loaded machine, fewer cases) prints a
  // missed target as a warning: its pass criteria are the invariants and that the pipeline flows again.
  const enforce = CONFIG.CHAOS_ENFORCE_TARGETS ? CONFIG.CHAOS_ENFORCE_TARGETS === '1' : !SHORT;
  const warnings: string[] = [];
  for (const r of all) {
    if (r.recoveryMs === undefined) problems.push(`${r.fault}: the pipeline never flowed again`);
    const missed: string[] = [];
    if (r.target && r.recoveryMs !== undefined && r.recoveryMs > r.target) {
      missed.push(`${r.fault}: recovery ${r.recoveryMs} ms > target ${r.target} ms`);
    }
    if (r.target && r.maxGapMs !== undefined && r.maxGapMs > r.target) {
      missed.push(`${r.fault}: pipeline paused ${r.maxGapMs} ms > target ${r.target} ms`);
    }
    (enforce ? problems : warnings).push(...missed);
  }
  console.log('\nfault                          held (ms)   flowing again after (ms)   longest gap (ms)');
  for (const r of all) {
    console.log(
      `${r.fault.padEnd(30)} ${String(r.heldMs).padStart(9)}   ${String(r.recoveryMs ?? 'never').padStart(24)}   ${String(r.maxGapMs ?? '').padStart(16)}`,
    );
  }
  console.log(
    `\n[chaos] ${problems.length === 0 ? 'all invariants hold' : 'FAILED'} (${Math.round((Date.now() - t0) / 1000)} s)`,
  );
  for (const x of problems) console.log(`  ✗ ${x}`);
  for (const x of warnings) console.log(`  ! target missed (not enforced in short mode): ${x}`);
  process.exit(problems.length === 0 ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error('[chaos] aborted:', e);
  process.exit(1);
});
