/**
 * Shared helpers of the platform benchmarks (bench/pipeline.ts, bench/api.ts): tokens minted with the dev
 * key, a keep-alive HTTP client, percentiles, /proc readings and the platform's process ids.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Role } from '../libs/shared/src/auth/principal';
import { signToken } from '../libs/shared/src/auth/token-signer';

export const ROOT = join(__dirname, '..');
export const RUN_DIR = join(ROOT, '.infra', 'run');
export const GATEWAY = process.env.BENCH_GATEWAY ?? 'http://127.0.0.1:3000';
export const PG_BASE = process.env.DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
/** 杭州市市场监督管理局: the department of the seeded 食品经营许可 item. */
export const SCJG = '113301000024901620';
export const SERVICES = [
  'gateway',
  'intake',
  'approval',
  'certificate',
  'evaluation',
  'supervision',
] as const;
export type ServiceName = (typeof SERVICES)[number];
export const PORTS: Record<ServiceName, number> = {
  gateway: 3000,
  intake: 3001,
  approval: 3002,
  certificate: 3003,
  evaluation: 3004,
  supervision: 3005,
};

export function envInt(name: string, dflt: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number (got ${v})`);
  return n;
}

// ── tokens ──────────────────────────────────────────────────────────────────────────────────────────────
let privateKey: string | undefined;
export function mint(role: Role, sub: string, extra: { name?: string; dept?: string } = {}): string {
  privateKey ??= readFileSync(join(ROOT, '.infra', 'dev', 'jwt-private.pem'), 'utf8');
  return signToken({ sub, roles: [role], ...extra }, privateKey, { expiresInSeconds: 4 * 3600 });
}

export { companyUscc } from '../libs/shared/src/testing/identities';

// ── HTTP ────────────────────────────────────────────────────────────────────────────────────────────────
export interface HttpResult {
  status: number;
  body: unknown;
  ms: number;
  headers: http.IncomingHttpHeaders;
}

/** Keep-alive HTTP/1.1 client on node:http (no dependency), one agent per instance. */
export class HttpClient {
  readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(
    base = GATEWAY,
    maxSockets = 64,
    private readonly localAddress?: string,
  ) {
    const u = new URL(base);
    this.host = u.hostname;
    this.port = Number(u.port || 80);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string>; parse?: boolean } = {},
  ): Promise<HttpResult> {
    const t0 = performance.now();
    const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    return new Promise<HttpResult>((resolve, reject) => {
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          headers,
          agent: this.agent,
          localAddress: this.localAddress,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const ms = performance.now() - t0;
            let body: unknown = undefined;
            if (opts.parse !== false && chunks.length > 0) {
              const text = Buffer.concat(chunks).toString('utf8');
              try {
                body = JSON.parse(text);
              } catch {
                body = text;
              }
            }
            resolve({ status: res.statusCode ?? 0, body, ms, headers: res.headers });
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${method} ${path}`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

// ── statistics ──────────────────────────────────────────────────────────────────────────────────────────
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface Pcts {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function pcts(values: number[]): Pcts {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN;
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.length ? s[s.length - 1] : NaN,
    mean,
  };
}

export function fmt(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return '-';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function table(rows: string[][], header?: string[]): string {
  const all = header ? [header, ...rows] : rows;
  const widths = all[0].map((_, c) => Math.max(...all.map((r) => displayWidth(r[c] ?? ''))));
  const line = (r: string[]) =>
    r.map((cell, c) => cell + ' '.repeat(widths[c] - displayWidth(cell))).join('  ');
  const out = all.map(line);
  if (header) out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return out.map((l) => `  ${l.trimEnd()}`).join('\n');
}

/** CJK characters take two columns in a terminal. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\u3000-\u303f]/.test(ch) ? 2 : 1;
  }
  return w;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ── processes (/proc) ───────────────────────────────────────────────────────────────────────────────────
export const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

export interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime, ticks */
  ticks: number;
  /** stime: the part spent in the kernel for the process (system calls: socket reads and writes), ticks */
  sysTicks: number;
  /** cutime + cstime (children already reaped), ticks */
  childTicks: number;
}

export function procStat(pid: number, file = `/proc/${pid}/stat`): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const close = text.lastIndexOf(')');
  const comm = text.slice(text.indexOf('(') + 1, close);
  // Fields after "(comm)": 3 state, 4 ppid, ... 14 utime, 15 stime, 16 cutime, 17 cstime.
  const f = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const at = (field: number) => Number(f[field - 3]);
  return { pid, ppid: at(4), comm, ticks: at(14) + at(15), sysTicks: at(15), childTicks: at(16) + at(17) };
}

export function procStatus(pid: number): { hwmKiB: number; rssKiB: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    return { hwmKiB: kib('VmHWM'), rssKiB: kib('VmRSS') };
  } catch {
    return undefined;
  }
}

export function pgrep(name: string): number[] {
  try {
    return execFileSync('pgrep', ['-x', name], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function pidFile(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && procStat(pid) ? pid : undefined;
}

export function servicePid(svc: ServiceName): number | undefined {
  return pidFile(join(RUN_DIR, `${svc}.pid`));
}

export function kafkaPid(): number | undefined {
  return (
    pidFile(join(ROOT, '.infra', 'kafka', 'node-1', 'kafka.pid')) ??
    pidFile(join(ROOT, '.infra', 'kafka', 'kafka.pid'))
  );
}

/** Every service process answers /health/ready and has a live pid file; the missing ones otherwise. */
export async function platformProblems(): Promise<string[]> {
  const problems: string[] = [];
  for (const svc of SERVICES) {
    if (!servicePid(svc)) {
      problems.push(`${svc}: no live process in .infra/run/${svc}.pid`);
      continue;
    }
    const c = new HttpClient(`http://127.0.0.1:${PORTS[svc]}`, 1);
    try {
      const r = await c.request('GET', '/health/ready');
      if (r.status !== 200) problems.push(`${svc}: /health/ready answered ${r.status}`);
    } catch (e) {
      problems.push(`${svc}: /health/ready failed (${(e as Error).message})`);
    } finally {
      c.close();
    }
  }
  return problems;
}

export async function requirePlatform(): Promise<void> {
  const problems = await platformProblems();
  if (problems.length > 0) {
    console.error('The platform is not up (start it with `npm run up`, see bench/README.md):');
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
}
