import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TOPICS } from '@app/shared/contracts';
import { testToken, uniqueCaseNo, waitFor } from '@app/shared/testing';
import { caseLife, EXPECTED_KINDS, FILED_MATERIALS } from './exchange-fixtures';
import { ExchangeUnderTest, startExchangeUnderTest } from './exchange-under-test';
import { materialDrafts } from '../src/exchange/mapping/draft-records';
import { ExchangeRecordRepository } from '../src/exchange/repositories/exchange-record.repository';

/**
 * The provincial exchange end to end: real Kafka, PostgreSQL and Redis; the province is a stand-in HTTP
 * server that verifies our SM2 signature, decrypts params and checks every record's fields and codes.
 */
describe('provincial exchange: one case to the province (integration)', () => {
  let x: ExchangeUnderTest;

  beforeAll(async () => {
    // A partner webhook on the same topics (apps/gateway/src/webhooks) runs beside the exchange.
    x = await startExchangeUnderTest({
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: '127.0.0.0/8',
    });
  });

  afterAll(async () => {
    await x?.stop();
  });

  afterEach(() => {
    expect(x.province.problems).toEqual([]);
  });

  it('sends a whole case in order, in the national field names, signed and encrypted', async () => {
    const caseNo = uniqueCaseNo();
    const life = caseLife(caseNo, undefined, undefined, { filed: true });
    await x.produce(life.events);
    await x.waitDelivered(caseNo, EXPECTED_KINDS.length);
    const got = x.province.accepted(caseNo);
    expect(got.map((r) => r.kind)).toEqual(EXPECTED_KINDS);
    expect(got.every((r) => r.verified)).toBe(true);
    const { rows } = await x.t.pg.query<{ service_number: string }>(
      `SELECT service_number FROM exchange_cases WHERE case_no = $1`,
      [caseNo],
    );
    const evaluate = got.find((r) => r.kind === 'evaluate')!.record;
    expect(evaluate.serviceNumber).toBe(rows[0].service_number);
    expect(got.find((r) => r.kind === 'up_pro_result')!.record).toMatchObject({
      result_type: '0',
      result_cetr_no: life.licenceId,
    });
    expect(got.find((r) => r.kind === 'up_pro_accept')!.record).toMatchObject({
      project_no: caseNo,
      applyer_page_code: '330106********1234',
      data_source: '111',
    });
    // The materials filed with the application: right after the accept row, one per material code.
    const accept = got.findIndex((r) => r.kind === 'up_pro_accept');
    const filed = got.slice(accept + 1, accept + 1 + FILED_MATERIALS.length);
    expect(filed.map((r) => r.kind)).toEqual(FILED_MATERIALS.map(() => 'up_pro_material'));
    expect(filed.map((r) => r.record)).toEqual([
      expect.objectContaining({
        project_no: caseNo,
        material_name: '食品经营许可申请书',
        get_type: null,
        get_num: 2,
        material_attach_name: '申请书-第1页.pdf; 申请书-第2页.pdf',
        cd_operation: 'I',
      }),
      expect.objectContaining({
        material_name: '法定代表人身份证明',
        get_num: 1,
        material_attach_name: null,
      }),
    ]);
    expect(filed.every((r) => r.at >= got[accept].at)).toBe(true);
    expect((await x.records(caseNo)).every((r) => r.state === 'DELIVERED' && r.attempts === 1)).toBe(true);
  });

  it('does not send a material twice when a 补正 queued its row before the accepted event carried the materials', async () => {
    const caseNo = uniqueCaseNo();
    const life = caseLife(caseNo, undefined, undefined, { filed: true });
    // A row a 补正 queued under the previous version (codes only), for the first filed material.
    const old = materialDrafts(randomUUID(), new Date().toISOString(), false, [
      { code: FILED_MATERIALS[0].code, name: FILED_MATERIALS[0].name },
    ]);
    await x.t.svc.app
      .get(DataSource)
      .transaction((em) =>
        x.t.svc.app
          .get(ExchangeRecordRepository)
          .insertDrafts(em, caseNo, { id: randomUUID(), topic: TOPICS.APPLICATION_SUPPLEMENTED }, old, 0),
      );
    await x.produce(life.events.filter((e) => e.topic === TOPICS.APPLICATION_ACCEPTED));
    await waitFor(
      async () => (await x.records(caseNo)).some((r) => r.kind === 'up_pro_accept') || undefined,
      {
        description: 'the accepted event recorded',
      },
    );
    const materials = (await x.records(caseNo)).filter((r) => r.kind === 'up_pro_material');
    expect(materials).toHaveLength(FILED_MATERIALS.length);
  });

  it('records an event delivered twice once (and the webhooks consumer of the same topic runs too)', async () => {
    const caseNo = uniqueCaseNo();
    const life = caseLife(caseNo, undefined, undefined, { filed: true });
    const sub = await fetch(`${x.t.svc.url}/api/v1/webhooks/subscriptions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${testToken({ sub: 'it-admin', roles: ['admin'] })}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        partnerName: 'exchange-neighbour',
        targetUrl: `${x.province.url}/partner`,
        eventTypes: [TOPICS.APPLICATION_ACCEPTED],
        deptCodes: [life.ref.deptCode],
      }),
    });
    expect(sub.status).toBe(201);
    const accepted = life.events.find((e) => e.topic === TOPICS.APPLICATION_ACCEPTED)!;
    const [id] = await x.produce([accepted]);
    await x.produce([accepted], { id });
    const step = caseLife(caseNo).events.find((e) => e.topic === TOPICS.APPROVAL_STEP_COMPLETED)!;
    await x.produce([{ ...step, payload: { ...step.payload, completedAt: new Date().toISOString() } }]);
    await x.waitDelivered(caseNo, 5);
    // Both handlers of the topic ran, each deduplicated under its own consumer identity.
    await waitFor(
      async () =>
        (await x.t.count(`SELECT count(*) AS n FROM processed_events WHERE event_id = $1`, [id])) === 2 ||
        undefined,
      { description: 'the exchange and the webhooks consumer both processed the event' },
    );
    const consumers = await x.t.pg.query<{ consumer: string }>(
      `SELECT consumer FROM processed_events WHERE event_id = $1 ORDER BY consumer`,
      [id],
    );
    expect(consumers.rows.map((r) => r.consumer)).toEqual(['gateway', 'gateway-exchange']);
    expect((await x.records(caseNo)).map((r) => r.kind)).toEqual([
      'up_pro_accept',
      'up_pro_material',
      'up_pro_material',
      'up_pro_process',
      'up_pro_process',
    ]);
    expect(x.province.accepted(caseNo).filter((r) => r.kind === 'up_pro_accept')).toHaveLength(1);
    expect(x.province.accepted(caseNo).filter((r) => r.kind === 'up_pro_material')).toHaveLength(2);
  });

  it('holds an evaluation until its case has a serviceNumber', async () => {
    const caseNo = uniqueCaseNo();
    const life = caseLife(caseNo);
    const completed = life.events.find((e) => e.topic === TOPICS.CASE_COMPLETED)!;
    const review = life.events.find((e) => e.topic === TOPICS.REVIEW_SUBMITTED)!;
    let serviceUp = false;
    x.province.answer('projectService', (r) => (r.projectNo !== caseNo || serviceUp ? 200 : 503));
    await x.produce(life.events.filter((e) => e.topic === TOPICS.APPLICATION_ACCEPTED));
    await x.waitDelivered(caseNo, 2);
    // The rating arrives before the completion (another topic lagging): nothing can be sent for it yet.
    await x.produce([review]);
    await waitFor(
      async () =>
        (await x.t.count(
          `SELECT count(*) AS n FROM exchange_records WHERE case_no = $1 AND kind = 'evaluate'
              AND next_attempt_at < now() - interval '300 milliseconds'`,
          [caseNo],
        )) === 1 || undefined,
      { description: 'the evaluation recorded and due' },
    );
    await x.produce([completed]);
    await waitFor(
      () =>
        x.province.received.filter((r) => r.kind === 'projectService' && r.record.projectNo === caseNo)
          .length >= 3 || undefined,
      { description: 'the service record refused a few times' },
    );
    expect(x.province.received.filter((r) => r.kind === 'evaluate' && r.record.projectNo === caseNo)).toEqual(
      [],
    );
    serviceUp = true;
    await x.waitDelivered(caseNo, 5);
    const got = x.province.accepted(caseNo).slice(2);
    expect(got.map((r) => r.kind)).toEqual(['up_pro_result', 'projectService', 'evaluate']);
    const { rows } = await x.t.pg.query<{ service_number: string }>(
      `SELECT service_number FROM exchange_cases WHERE case_no = $1`,
      [caseNo],
    );
    expect(got[2].record.serviceNumber).toBe(rows[0].service_number);
    expect(got[1].at).toBeLessThanOrEqual(got[2].at);
  });
});
