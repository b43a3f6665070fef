import { TOPICS } from '@app/shared/contracts';
import {
  BootedApp,
  bootServiceApp,
  serviceTestEnv,
  ServiceUnderTest,
  testEnv,
  testToken,
  uniqueCaseNo,
  waitFor,
} from '@app/shared/testing';
import { AppModule } from '../src/app.module';
import { GatewayConfig } from '../src/config/gateway.config';
import { GATEWAY_BOOTSTRAP } from '../src/gateway.bootstrap';
import { gatewayExtraEnv, startGatewayUnderTest } from './gateway-under-test';
import { completed, newDept } from './webhook-fixtures';
import { WebhookReceiver } from './webhook-receiver';

const EVENTS = 40;
const WEBHOOK_ENV = {
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOW_PRIVATE_TARGETS: '127.0.0.0/8',
  WEBHOOK_DISPATCH_INTERVAL_MS: '50',
  WEBHOOK_DISPATCH_BATCH: '3',
};

/**
 * Two gateway replicas on one database and one consumer group, both dispatching: every delivery is claimed
 * by one of them (SKIP LOCKED + lease), so a partner that always answers 200 gets each webhook-id once.
 */
describe('gateway webhooks: two replicas (integration)', () => {
  let t: ServiceUnderTest;
  let second: BootedApp;
  const rx = new WebhookReceiver();

  beforeAll(async () => {
    await rx.start();
    t = await startGatewayUnderTest(WEBHOOK_ENV);
    const url = new URL(testEnv().postgresUrl);
    url.pathname = `/${t.dbName}`;
    second = await bootServiceApp(
      AppModule,
      GatewayConfig,
      {
        ...serviceTestEnv('gateway', url.toString()),
        ...gatewayExtraEnv(WEBHOOK_ENV),
        KAFKA_GROUP_ID: t.svc.app.get(GatewayConfig).KAFKA_GROUP_ID,
      },
      GATEWAY_BOOTSTRAP,
    );
  });

  afterAll(async () => {
    await second?.close();
    await t.stop();
    await rx.stop();
  });

  it('sends each delivery once although both replicas dispatch', async () => {
    const dept = newDept();
    const r = await fetch(`${t.svc.url}/api/v1/webhooks/subscriptions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${testToken({ sub: 'it-admin', roles: ['admin'] })}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        partnerName: 'replicas',
        targetUrl: `${rx.url}/r`,
        eventTypes: [TOPICS.CASE_COMPLETED],
        deptCodes: [dept],
      }),
    });
    expect(r.status).toBe(201);
    const { id, secret } = (await r.json()) as { id: string; secret: string };
    rx.knowSecrets('/r', [secret]);
    for (let i = 0; i < EVENTS; i++) {
      const caseNo = uniqueCaseNo();
      await t.producer.send(TOPICS.CASE_COMPLETED, caseNo, completed(caseNo, dept));
    }
    await waitFor(
      async () =>
        (await t.count(
          `SELECT count(*) AS n FROM webhook_deliveries WHERE subscription_id = $1 AND state = 'DELIVERED'`,
          [id],
        )) === EVENTS || undefined,
      { timeoutMs: 60_000, description: 'every delivery delivered' },
    );
    expect(rx.at('/r')).toHaveLength(EVENTS);
    expect(rx.processed('/r')).toHaveLength(EVENTS);
    expect(rx.unverified()).toEqual([]);
  });
});
