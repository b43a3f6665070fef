/**
 * The chaos suite's load: clients that drive whole cases through the gateway (submit → accept → approval
 * opened → three decisions → done with a licence → rating) and retry like real ones. Every step that
 * takes long is remembered, so a stall can be placed on its hop (which consumer or service held it up).
 */
import { randomUUID } from 'node:crypto';
import { foodLicenceApplication } from '../../libs/shared/src/testing/identities';

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** Issues the platform's test tokens. */
export interface TokenIssuer {
  token(role: string, sub: string, name?: string): string;
}

/** A client's step that took at least SLOW_STEP_MS (ms since the epoch). */
export interface SlowStep {
  client: number;
  caseNo: string;
  step: string;
  start: number;
  end: number;
}

/** Steps at least this long are kept: a client's own pacing (polls ≤ 1 s apart) stays below it. */
export const SLOW_STEP_MS = 1500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call(
  base: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply | undefined> {
  try {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await r.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text };
    }
    return { status: r.status, body: parsed };
  } catch {
    return undefined; // connection refused / reset / timeout: retried
  }
}

/** Repeats `attempt` until it says done (true) — the client's retry loop — or the case deadline passes. */
async function until(what: string, deadline: number, attempt: () => Promise<boolean>): Promise<void> {
  for (let i = 0; ; i++) {
    if (await attempt()) return;
    if (Date.now() > deadline) throw new Error(`${what}: gave up`);
    await sleep(Math.min(1000, 100 * 2 ** Math.min(i, 4)));
  }
}

const transient = (r: Reply | undefined) => !r || r.status >= 500 || r.status === 429;

/** One case of one client: its steps run through `step`, which times them. */
interface CaseRun {
  client: number;
  caseNo: string;
  deadline: number;
}

export class Load {
  running = true;
  readonly done: Array<{ caseNo: string; at: number }> = [];
  readonly failures: string[] = [];
  readonly slowSteps: SlowStep[] = [];
  rated = 0;
  private seq = 0;
  private itemCode = '';

  constructor(
    private readonly gatewayUrl: () => string,
    private readonly p: TokenIssuer,
    private readonly clients: number,
  ) {}

  private call(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) {
    return call(this.gatewayUrl(), method, path, token, body, headers);
  }

  async prepare(): Promise<void> {
    const admin = this.p.token('admin', 'chaos-admin');
    const r = await this.call('GET', '/api/v1/items?pageSize=100', admin);
    const items = (r?.body.items ?? []) as Array<{ name: string; taskCode: string }>;
    const food = items.find((i) => i.name === '食品经营许可');
    if (!food) throw new Error('seeded item 食品经营许可 missing');
    this.itemCode = food.taskCode;
  }

  start(): Promise<void[]> {
    return Promise.all(Array.from({ length: this.clients }, (_, c) => this.client(c)));
  }

  /** Slow steps that overlap [from, to] (ms since the epoch). */
  slowStepsBetween(from: number, to: number): SlowStep[] {
    return this.slowSteps.filter((s) => s.end > from && s.start < to);
  }

  private async client(c: number): Promise<void> {
    const clerk = this.p.token('clerk', `chaos-clerk-${c}`, '窗口');
    const approvers = [1, 2, 3].map((i) => this.p.token('approver', `chaos-approver-${c}-${i}`, `审批${i}`));
    while (this.running) {
      const seq = this.seq++;
      try {
        const applicant = this.p.token('applicant', `chaos-citizen-${c}-${seq}`, '张三');
        await this.oneCase(
          { client: c, caseNo: '', deadline: Date.now() + 180_000 },
          applicant,
          clerk,
          approvers,
        );
      } catch (e) {
        this.failures.push((e as Error).message);
      }
    }
  }

  /** Runs one step of a case through the retry loop and remembers it when it was slow. */
  private async step(run: CaseRun, what: string, attempt: () => Promise<boolean>): Promise<void> {
    const start = Date.now();
    await until(what, run.deadline, attempt);
    const end = Date.now();
    if (end - start >= SLOW_STEP_MS) {
      this.slowSteps.push({ client: run.client, caseNo: run.caseNo, step: what, start, end });
    }
  }

  private async oneCase(run: CaseRun, applicant: string, clerk: string, approvers: string[]): Promise<void> {
    // A retry repeats the same request: same key, same body (the body holds a random licence holder, so it
    // is built once — a fresh one would be a different request under the same key: 422 IDEMPOTENCY_KEY_REUSED).
    const key = randomUUID();
    const application = foodLicenceApplication(this.itemCode);
    await this.step(run, 'submit', async () => {
      const r = await this.call('POST', '/api/v1/applications', applicant, application, {
        'idempotency-key': key,
      });
      if (r?.status === 201) run.caseNo = r.body.caseNo as string;
      else if (!transient(r)) throw new Error(`submit: ${r!.status} ${JSON.stringify(r!.body)}`);
      return r?.status === 201;
    });
    const caseNo = run.caseNo;
    const state = async (): Promise<{ status: string; licenceId?: string } | undefined> => {
      const r = await this.call('GET', `/api/v1/applications/${caseNo}`, applicant);
      return r?.status === 200 ? (r.body as { status: string; licenceId?: string }) : undefined;
    };
    await this.step(run, 'accept', async () => {
      const r = await this.call('POST', `/api/v1/applications/${caseNo}/accept`, clerk, {
        remark: '材料齐全',
      });
      if (r?.status === 200) return true;
      if (r?.status === 409) return (await state())?.status !== 'SUBMITTED';
      if (!transient(r)) throw new Error(`accept: ${r!.status} ${JSON.stringify(r!.body)}`);
      return false;
    });
    // intake learns of approval's case from approval.case.opened
    await this.step(run, 'approval opened', async () => (await state())?.status === 'IN_APPROVAL');
    for (let step = 1; step <= 3; step++) {
      await this.step(run, `decision ${step}`, async () => {
        const r = await this.call('POST', `/api/v1/approvals/${caseNo}/decision`, approvers[step - 1], {
          stepNo: step,
          decision: 'approve',
          opinion: '同意',
        });
        if (r?.status === 200) return true;
        if (r?.status === 409) {
          const d = (r.body.details ?? {}) as { currentStepNo?: number; status?: string };
          if (r.body.code === 'STEP_MISMATCH' && (d.currentStepNo ?? 0) > step) return true;
          if (r.body.code === 'INVALID_STATE' && d.status === 'APPROVED') return true;
        }
        if (r && !transient(r) && r.status !== 404) {
          throw new Error(`decision ${step}: ${r.status} ${JSON.stringify(r.body)}`);
        }
        return false;
      });
    }
    // approval.case.approved → certificate issues → certificate.licence.issued → intake completes the case
    await this.step(run, 'done with a licence', async () => {
      const s = await state();
      return s?.status === 'DONE' && !!s.licenceId;
    });
    this.done.push({ caseNo, at: Date.now() });
    // intake.case.completed → evaluation makes the case ratable
    await this.step(run, 'rating', async () => {
      const r = await this.call('POST', '/api/v1/reviews', applicant, { caseNo, satisfaction: 5, pf: '1' });
      if (r?.status === 201 || (r?.status === 409 && r.body.code === 'ALREADY_RATED')) return true;
      // The completion has not reached evaluation yet.
      if (r?.status === 404 || (r?.status === 409 && r.body.code === 'CASE_NOT_RATABLE')) return false;
      if (!transient(r)) throw new Error(`rating: ${r!.status} ${JSON.stringify(r!.body)}`);
      return false;
    });
    this.rated++;
  }

  /** First completion after `t` (ms since the epoch), waiting up to `timeoutMs`. */
  async nextDoneAfter(t: number, timeoutMs = 120_000): Promise<number | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const d = this.done.find((x) => x.at > t);
      if (d) return d.at;
      await sleep(100);
    }
    return undefined;
  }
}
