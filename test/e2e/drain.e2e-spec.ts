import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TOPICS } from '../../libs/shared/src/contracts/topics';
import { testToken } from '../../libs/shared/src/testing/test-env';
import { waitFor } from '../../libs/shared/src/testing/wait-for';
import { http } from '../support/http';
import { foodLicenceApplication } from '../../libs/shared/src/testing/identities';
import { Platform, startPlatform } from '../support/platform';

/**
 * Graceful drain (README, operations): intake gets SIGTERM while clerks accept cases through the gateway and
 * its consumer handles approval events. Like a load balancer, the clients stop sending once intake's
 * readiness answers 503; every request they sent succeeds, intake exits 0 within its budget with its outbox
 * flushed, and after a restart no event is delivered to it a second time (its offsets were committed).
 */
const SCJG = '113301000024901620';
const DELAY_MS = 1500;

describe('graceful drain of a service under load (5 processes, real Kafka/PostgreSQL/Redis)', () => {
  const run = randomBytes(3).toString('hex');
  let platform: Platform | undefined;
  const applicant = testToken({ sub: `citizen-${run}`, roles: ['applicant'], name: '张三' });
  const clerk = testToken({ sub: `clerk-${run}`, roles: ['clerk'], name: '窗口王五', dept: SCJG });

  beforeAll(async () => {
    platform = await startPlatform(run, {
      logLevel: 'info',
      serviceEnvOf: { intake: { SHUTDOWN_DELAY_MS: String(DELAY_MS) } },
      gatewayEnv: { RATE_LIMIT_PER_MINUTE: '100000' },
    });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  async function query<T>(sql: string): Promise<T[]> {
    const c = new Client({ connectionString: platform!.dbs.intake.url });
    await c.connect();
    try {
      return (await c.query(sql)).rows as T[];
    } finally {
      await c.end();
    }
  }

  it('stops taking traffic first, finishes what it took, commits, and doubles nothing', async () => {
    const p = platform!;
    const items = await http('GET', `${p.gw}/api/v1/items?pageSize=100`);
    const itemCode: string = items.body.items.find(
      (i: { name: string }) => i.name === '食品经营许可',
    ).taskCode;
    const application = () => foodLicenceApplication(itemCode);
    const submitted: string[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await http('POST', `${p.gw}/api/v1/applications`, { token: applicant, body: application() });
      expect(r.status).toBe(201);
      submitted.push(r.body.caseNo as string);
    }

    // The load: clerks accept the cases (intake writes + outbox), new applications keep coming.
    const intake = p.services.find((s) => s.name === 'intake')!;
    let draining = false;
    const results: Array<{ status: number | 'error'; afterSigterm: boolean }> = [];
    let sigtermAt = 0;
    const accepted: string[] = [];
    const readiness = (async () => {
      while (!draining) {
        const r = await fetch(`${intake.url}/health/ready`).catch(() => undefined);
        if (!r || r.status === 503) draining = true;
        else await new Promise((res) => setTimeout(res, 50));
      }
    })();
    const worker = async () => {
      while (!draining) {
        const caseNo = submitted.shift();
        const r = caseNo
          ? await http('POST', `${p.gw}/api/v1/applications/${caseNo}/accept`, {
              token: clerk,
              body: {},
            }).catch(() => undefined)
          : await http('POST', `${p.gw}/api/v1/applications`, {
              token: applicant,
              body: application(),
            }).catch(() => undefined);
        results.push({ status: r?.status ?? 'error', afterSigterm: sigtermAt > 0 });
        if (caseNo && r?.status === 200) accepted.push(caseNo);
      }
    };
    const workers = Array.from({ length: 6 }, () => worker());
    await waitFor(() => accepted.length >= 8 || undefined, { description: 'load running' });
    const exited = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) =>
      intake.child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
    );
    sigtermAt = Date.now();
    intake.child.kill('SIGTERM');
    await Promise.all([readiness, ...workers]);
    const exit = await exited;

    const failed = results.filter((r) => r.status === 'error' || r.status >= 300);
    const afterSigterm = results.filter((r) => r.afterSigterm).length;
    console.log(
      `[drain] ${results.length} requests (${afterSigterm} after SIGTERM), ${failed.length} failed; ` +
        `${accepted.length} cases accepted; intake exited (${exit.signal ?? exit.code}) after ${exit.at - sigtermAt} ms (delay ${DELAY_MS} ms)`,
    );
    expect(failed).toEqual([]);
    expect(afterSigterm).toBeGreaterThan(0); // it kept serving while readiness said 503
    // Nest re-raises the signal once the app has closed; the watchdog would exit 1.
    expect([exit.code, exit.signal]).toEqual([null, 'SIGTERM']);
    expect(exit.at - sigtermAt).toBeGreaterThanOrEqual(DELAY_MS);
    expect(exit.at - sigtermAt).toBeLessThan(DELAY_MS + 15_000);
    // The relay published everything before the process ended.
    expect(await query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`)).toEqual(
      [{ n: '0' }],
    );

    // Restarted: it catches up on what approval sent meanwhile, and nothing it had handled comes again.
    const again = await p.restart('intake');
    let recorded = 0;
    await waitFor(
      async () => {
        const [{ n }] = await query<{ n: string }>(
          `SELECT count(DISTINCT event_id) AS n FROM processed_events WHERE topic = '${TOPICS.APPROVAL_CASE_OPENED}'`,
        );
        recorded = Number(n);
        return recorded >= accepted.length || undefined;
      },
      { timeoutMs: 60_000, description: 'every accepted case opened in approval and recorded by intake' },
    ).catch((e: Error) => {
      throw new Error(`${e.message}: ${recorded} of ${accepted.length} recorded; logs in ${p.logDir}`);
    });
    const metrics = await (await fetch(`${again.url}/metrics`)).text();
    const duplicates = metrics
      .split('\n')
      .filter((l) => l.startsWith('kafka_events_handled_total') && l.includes('outcome="duplicate"'))
      .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
    expect(duplicates).toBe(0);
    // The calendar's countdown, read at the scrape (the suites load the synthetic 2027–2028 file).
    const line = metrics.split('\n').find((l) => l.startsWith('work_calendar_days_left{'));
    expect(line).toMatch(/covered_until="2028-12-31"/);
    expect(Number(line!.split(' ').pop())).toBeGreaterThan(0);
  });
});
