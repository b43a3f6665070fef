import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { childEnvironment } from '@app/shared/config';
import { TOPICS } from '@app/shared/contracts';
import { testEnv, testToken, uniqueCaseNo, waitFor } from '@app/shared/testing';
import { ExchangeRecordRepository } from '../src/exchange/repositories/exchange-record.repository';
import { caseLife } from './exchange-fixtures';
import { ExchangeUnderTest, startExchangeUnderTest } from './exchange-under-test';

const admin = () => ({ authorization: `Bearer ${testToken({ sub: 'it-admin', roles: ['admin'] })}` });

/** `npm run ops -- <args>` on the test's gateway database. */
async function ops(dbUrl: string, ...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    'node',
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'scripts/ops.ts', ...args],
    { env: childEnvironment({ DATABASE_URL: dbUrl }), timeout: 60_000 },
  );
  return stdout;
}

/** Accepted + the first step of a fresh case: three records (up_pro_accept, 受理 and 承办 process rows). */
function acceptedAndStep(caseNo: string) {
  const { events } = caseLife(caseNo);
  return events.filter((e) => e.topic === TOPICS.APPLICATION_ACCEPTED || e.payload.stepName === '承办');
}

/** Retries, dead letters and replay of exchange records against a failing stand-in province. */
describe('provincial exchange: delivery (integration)', () => {
  let x: ExchangeUnderTest;

  beforeAll(async () => {
    x = await startExchangeUnderTest({ EXCHANGE_MAX_ATTEMPTS: '3' });
  });

  afterAll(async () => {
    await x?.stop();
  });

  afterEach(() => {
    expect(x.province.problems).toEqual([]);
  });

  it('retries a record the province answers 500, delivers it once, and keeps the case in order', async () => {
    const caseNo = uniqueCaseNo();
    let failures = 2;
    x.province.answer('up_pro_accept', (r) => (r.project_no === caseNo && failures-- > 0 ? 500 : 200));
    await x.produce(acceptedAndStep(caseNo));
    await x.waitDelivered(caseNo, 3);
    const all = x.province.received.filter((r) => r.record.project_no === caseNo);
    expect(all.map((r) => [r.kind, r.status])).toEqual([
      ['up_pro_accept', 500],
      ['up_pro_accept', 500],
      ['up_pro_accept', 200],
      ['up_pro_process', 200],
      ['up_pro_process', 200],
    ]);
    // The same row every time (a resend is an upsert by row_guid at the province).
    expect(new Set(all.slice(0, 3).map((r) => r.record.row_guid)).size).toBe(1);
    expect((await x.records(caseNo)).map((r) => [r.kind, r.state, r.attempts])).toEqual([
      ['up_pro_accept', 'DELIVERED', 3],
      ['up_pro_process', 'DELIVERED', 1],
      ['up_pro_process', 'DELIVERED', 1],
    ]);
  });

  it('survives a crash between the province’s answer and our commit: sent again as the same row, recorded once', async () => {
    const caseNo = uniqueCaseNo();
    // The first commit that marks this case's up_pro_accept DELIVERED fails, as a process killed after the
    // province answered would leave it (nextval is not rolled back, so only the first attempt fails).
    await x.t.pg.query(`CREATE SEQUENCE IF NOT EXISTS crash_once_${caseNo}`);
    await x.t.pg.query(`
      CREATE OR REPLACE FUNCTION crash_after_send_${caseNo}() RETURNS trigger AS $$
      BEGIN
        IF NEW.case_no = '${caseNo}' AND NEW.kind = 'up_pro_accept' AND NEW.state = 'DELIVERED'
           AND nextval('crash_once_${caseNo}') = 1 THEN
          RAISE EXCEPTION 'simulated crash before commit';
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await x.t.pg.query(`
      CREATE TRIGGER crash_after_send_${caseNo} BEFORE UPDATE ON exchange_records
      FOR EACH ROW EXECUTE FUNCTION crash_after_send_${caseNo}()`);
    try {
      await x.produce(acceptedAndStep(caseNo));
      await x.waitDelivered(caseNo, 3);
    } finally {
      await x.t.pg.query(`DROP TRIGGER crash_after_send_${caseNo} ON exchange_records`);
      await x.t.pg.query(`DROP FUNCTION crash_after_send_${caseNo}()`);
      await x.t.pg.query(`DROP SEQUENCE crash_once_${caseNo}`);
    }
    const all = x.province.received.filter((r) => r.record.project_no === caseNo);
    // the province saw the accept row twice (both answered), the same row_guid: its upsert absorbs it
    expect(all.map((r) => [r.kind, r.status])).toEqual([
      ['up_pro_accept', 200],
      ['up_pro_accept', 200],
      ['up_pro_process', 200],
      ['up_pro_process', 200],
    ]);
    expect(all[0].record.row_guid).toBe(all[1].record.row_guid);
    // our state: each record delivered once, in order; the lost commit left no trace
    expect((await x.records(caseNo)).map((r) => [r.kind, r.state])).toEqual([
      ['up_pro_accept', 'DELIVERED'],
      ['up_pro_process', 'DELIVERED'],
      ['up_pro_process', 'DELIVERED'],
    ]);
  });

  it('dead-letters a record after the last attempt, holds its case, and a replay delivers it', async () => {
    const caseNo = uniqueCaseNo();
    let down = true;
    x.province.answer('up_pro_accept', (r) => (r.project_no === caseNo && down ? 500 : 200));
    await x.produce(acceptedAndStep(caseNo));
    await waitFor(
      async () => (await x.records(caseNo)).find((r) => r.kind === 'up_pro_accept' && r.state === 'DEAD'),
      { description: 'the accept record dead-lettered' },
    );
    const [dead, ...behind] = await x.records(caseNo);
    expect(dead.attempts).toBe(3);
    expect(behind.map((r) => r.state)).toEqual(['PENDING', 'PENDING']);
    expect(x.province.received.filter((r) => r.record.project_no === caseNo).map((r) => r.kind)).toEqual([
      'up_pro_accept',
      'up_pro_accept',
      'up_pro_accept',
    ]);

    const list = await fetch(`${x.t.svc.url}/api/v1/exchange/records?state=DEAD&caseNo=${caseNo}`, {
      headers: admin(),
    });
    expect(list.status).toBe(200);
    const page = (await list.json()) as { items: Array<{ id: string; kind: string; lastStatus: number }> };
    expect(page.items.map((i) => [i.id, i.kind, i.lastStatus])).toEqual([[dead.id, 'up_pro_accept', 500]]);

    down = false;
    const replay = await fetch(`${x.t.svc.url}/api/v1/exchange/records/${dead.id}/replay`, {
      method: 'POST',
      headers: admin(),
    });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ replayed: 1 });
    await x.waitDelivered(caseNo, 3);
    expect(x.province.accepted(caseNo).map((r) => r.kind)).toEqual([
      'up_pro_accept',
      'up_pro_process',
      'up_pro_process',
    ]);
    const again = await fetch(`${x.t.svc.url}/api/v1/exchange/records/${dead.id}`, { headers: admin() });
    expect(await again.json()).toMatchObject({ state: 'DELIVERED', replays: 1, attempts: 1 });
  });

  it('lists dead records and replays them with npm run ops (exchange:dead, exchange:replay)', async () => {
    const caseNo = uniqueCaseNo();
    let down = true;
    x.province.answer('up_pro_accept', (r) => (r.project_no === caseNo && down ? 503 : 200));
    await x.produce(acceptedAndStep(caseNo));
    const dead = await waitFor(
      async () => (await x.records(caseNo)).find((r) => r.kind === 'up_pro_accept' && r.state === 'DEAD'),
      { description: 'the accept record dead-lettered' },
    );
    const url = new URL(testEnv().postgresUrl);
    url.pathname = `/${x.t.dbName}`;
    expect(await ops(url.toString(), 'exchange:dead')).toContain(
      `${dead.id}  up_pro_accept  case ${caseNo}  attempts 3`,
    );
    down = false;
    expect(await ops(url.toString(), 'exchange:replay', '--all-dead', '--case', caseNo)).toContain(
      'queued 1 exchange record(s) again',
    );
    await x.waitDelivered(caseNo, 3);
    expect(x.province.accepted(caseNo).map((r) => r.kind)).toEqual([
      'up_pro_accept',
      'up_pro_process',
      'up_pro_process',
    ]);
  });

  it('prunes delivered records past the retention, never dead or pending ones', async () => {
    const caseNo = uniqueCaseNo();
    await x.produce(acceptedAndStep(caseNo));
    await x.waitDelivered(caseNo, 3);
    await x.t.pg.query(
      `UPDATE exchange_records SET delivered_at = now() - interval '31 days' WHERE case_no = $1`,
      [caseNo],
    );
    const before = await x.t.count(`SELECT count(*) AS n FROM exchange_records WHERE state <> 'DELIVERED'`);
    expect(await x.t.svc.app.get(ExchangeRecordRepository).pruneDelivered(30)).toBe(3);
    expect(await x.records(caseNo)).toEqual([]);
    expect(await x.t.count(`SELECT count(*) AS n FROM exchange_records WHERE state <> 'DELIVERED'`)).toBe(
      before,
    );
    expect(await x.t.count(`SELECT count(*) AS n FROM exchange_cases WHERE case_no = $1`, [caseNo])).toBe(1);
  });

  it('admin only: lists and replays need the admin role; an unknown record is 404', async () => {
    const clerk = { authorization: `Bearer ${testToken({ sub: 'it-partner', roles: ['partner'] })}` };
    const r = await fetch(`${x.t.svc.url}/api/v1/exchange/records`, { headers: clerk });
    expect(r.status).toBe(403);
    expect((await fetch(`${x.t.svc.url}/api/v1/exchange/records`)).status).toBe(401);
    const missing = await fetch(`${x.t.svc.url}/api/v1/exchange/records/${crypto.randomUUID()}/replay`, {
      method: 'POST',
      headers: admin(),
    });
    expect(missing.status).toBe(404);
  });
});
