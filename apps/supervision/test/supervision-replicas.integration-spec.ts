import { TOPICS } from '@app/shared/contracts';
import {
  BootedApp,
  bootServiceApp,
  serviceTestEnv,
  ServiceUnderTest,
  startServiceUnderTest,
  testEnv,
  uniqueCaseNo,
  waitFor,
} from '@app/shared/testing';
import { shanghaiDate } from '@app/shared/time';
import { AppModule } from '../src/app.module';
import { SupervisionConfig } from '../src/config/supervision.config';
import { SweepLightsUseCase } from '../src/lights/use-cases/sweep-lights/sweep-lights.use-case';
import { accepted, ref, resumed, suspended } from '../src/testing/events.fixtures';
import { randomUUID } from 'node:crypto';

const DEPT = '113301000024901620';
const DAY_MS = 86_400_000;

/**
 * Two running replicas on one database, both sweeping every 200 ms (and, on top, sweeps called at the same
 * moment in both): each light change is published exactly once and each red opens exactly one 督办 item.
 */
describe('supervision with two running replicas (integration)', () => {
  let t: ServiceUnderTest;
  let second: BootedApp;
  const env = { SUPERVISION_SWEEPER_ENABLED: 'true', SUPERVISION_SWEEP_INTERVAL_MS: '200' };

  beforeAll(async () => {
    t = await startServiceUnderTest(AppModule, SupervisionConfig, {
      service: 'supervision',
      topics: [TOPICS.SUPERVISION_LIGHT_CHANGED, TOPICS.SUPERVISION_ESCALATION_OPENED],
      env,
    });
    const url = new URL(testEnv().postgresUrl);
    url.pathname = `/${t.dbName}`;
    second = await bootServiceApp(
      AppModule,
      SupervisionConfig,
      serviceTestEnv('supervision', url.toString(), env),
      {
        service: 'supervision',
        kafkaConsumer: true,
      },
    );
  });

  afterAll(async () => {
    await second.close();
    await t.stop();
  });

  it('publishes each light change once and opens one 督办 item per red, whatever replica sweeps', async () => {
    const now = new Date();
    const lastWeek = shanghaiDate(new Date(now.getTime() - 7 * DAY_MS));
    const cases = Array.from({ length: 5 }, () => uniqueCaseNo());
    const approvalId = randomUUID();
    for (const caseNo of cases) {
      // promised a week ago, still open: red as soon as a replica sweeps
      await t.producer.send(
        TOPICS.APPLICATION_ACCEPTED,
        caseNo,
        accepted(ref(caseNo, DEPT), new Date(now.getTime() - 20 * DAY_MS).toISOString(), lastWeek),
      );
    }
    const sweeps = [t.svc.app.get(SweepLightsUseCase), second.app.get(SweepLightsUseCase)];
    // Both replicas also sweep at the very same moment, many times over, while their timers run.
    for (let i = 0; i < 5; i++) await Promise.all([sweeps[0].execute(), sweeps[1].execute()]);
    for (const caseNo of cases) {
      await t.collector.waitForMessage(TOPICS.SUPERVISION_LIGHT_CHANGED, (m) => m.key === caseNo);
      await t.collector.waitForMessage(TOPICS.SUPERVISION_ESCALATION_OPENED, (m) => m.key === caseNo);
    }

    // A 特别程序 that ended moves the promise 30 working days on: red → green, once. It starts today: a pause
    // that began days ago moves the due date while it lasts, so a sweep between the two events would rightly
    // show red → yellow first (it did, once, when a timer tick fell between them).
    const moved = cases[0];
    const procedureId = randomUUID();
    const r = ref(moved, DEPT);
    await t.producer.send(
      TOPICS.APPROVAL_CASE_SUSPENDED,
      moved,
      suspended(r, approvalId, procedureId, now.toISOString(), lastWeek),
    );
    await t.producer.send(
      TOPICS.APPROVAL_CASE_RESUMED,
      moved,
      // approval publishes the promise it moved (30 working days on from last week: weeks ahead)
      resumed(
        r,
        approvalId,
        procedureId,
        now.toISOString(),
        lastWeek,
        30,
        shanghaiDate(new Date(now.getTime() + 35 * DAY_MS)),
      ),
    );
    await waitFor(
      () =>
        t.collector.find(
          TOPICS.SUPERVISION_LIGHT_CHANGED,
          (m) => m.key === moved && (m.value as { light: string }).light === 'GREEN',
        )[0],
      { description: 'the moved promise turning green' },
    );
    for (let i = 0; i < 5; i++) await Promise.all([sweeps[0].execute(), sweeps[1].execute()]);
    // Many timer ticks of both replicas later, still exactly one event per change.
    await new Promise((res) => setTimeout(res, 3000));

    for (const caseNo of cases) {
      const changes = t.collector
        .find(TOPICS.SUPERVISION_LIGHT_CHANGED, (m) => m.key === caseNo)
        .map((m) => {
          const v = m.value as { kind: string; previousLight: string | null; light: string };
          return `${v.kind}:${v.previousLight}→${v.light}`;
        });
      const promise = changes.filter((c) => c.startsWith('CASE_PROMISE'));
      expect([caseNo, promise]).toEqual([
        caseNo,
        caseNo === moved ? ['CASE_PROMISE:null→RED', 'CASE_PROMISE:RED→GREEN'] : ['CASE_PROMISE:null→RED'],
      ]);
      const opened = t.collector.find(
        TOPICS.SUPERVISION_ESCALATION_OPENED,
        (m) => m.key === caseNo && (m.value as { kind: string }).kind === 'CASE_PROMISE',
      );
      expect([caseNo, opened.length]).toEqual([caseNo, 1]);
    }
    expect(
      await t.count(
        `SELECT count(*) AS n FROM sup_escalations WHERE case_no = ANY($1) AND kind = 'CASE_PROMISE'`,
        [cases],
      ),
    ).toBe(cases.length);
    expect(
      await t.count(
        `SELECT count(*) AS n FROM sup_light_changes x JOIN sup_clocks k ON k.id = x.clock_id
         WHERE x.case_no = ANY($1) AND k.kind = 'CASE_PROMISE'`,
        [cases],
      ),
    ).toBe(cases.length + 1); // one first light per case, and the moved one's way back to green
  });
});
