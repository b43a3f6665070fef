import { TOPICS } from '@app/shared/contracts';
import { ServiceUnderTest, testToken, uniqueCaseNo, waitFor } from '@app/shared/testing';
import { startGatewayUnderTest } from './gateway-under-test';
import { PruneDeliveriesUseCase } from '../src/webhooks/use-cases/prune-deliveries/prune-deliveries.use-case';
import { WebhookReceiver } from './webhook-receiver';
import { completed, newDept } from './webhook-fixtures';

const BASE = '/api/v1/webhooks/subscriptions';
const admin = testToken({ sub: 'it-webhook-admin', roles: ['admin'] });
/**
 * Partner webhooks end to end inside the gateway, against the real PostgreSQL, Redis and Kafka and a local
 * HTTP receiver that verifies every signature and de-duplicates by webhook-id: delivery, duplicate Kafka
 * events, filters, retries then success, secret rotation, dead letters, automatic disabling with its ops
 * event, re-enabling and replay. A short retry schedule (window 1.5 s) stands in for the 24 h one.
 */
describe('gateway webhooks: delivery (integration)', () => {
  let t: ServiceUnderTest;
  const rx = new WebhookReceiver();
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${t.svc.url}${BASE}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${admin}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(r.status).toBeLessThan(300);
    return (await r.json()) as Record<string, any>;
  };
  /** A subscription to case completions of its own department, posting to `path` of the receiver. */
  const subscribe = async (path: string) => {
    const dept = newDept();
    const s = await api('POST', '', {
      partnerName: `partner ${path}`,
      targetUrl: `${rx.url}${path}`,
      eventTypes: [TOPICS.CASE_COMPLETED],
      deptCodes: [dept],
    });
    rx.knowSecrets(path, [s.secret as string]);
    return { id: s.id as string, dept, secret: s.secret as string };
  };
  const publish = (dept: string, opts: { id?: string } = {}) => {
    const caseNo = uniqueCaseNo();
    return t.producer.send(TOPICS.CASE_COMPLETED, caseNo, completed(caseNo, dept), opts);
  };
  const deliveries = (subscriptionId: string, state?: string) =>
    t.count(
      `SELECT count(*) AS n FROM webhook_deliveries WHERE subscription_id = $1 ${state ? 'AND state = $2' : ''}`,
      state ? [subscriptionId, state] : [subscriptionId],
    );

  beforeAll(async () => {
    await rx.start();
    t = await startGatewayUnderTest({
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: '127.0.0.0/8',
      WEBHOOK_DISPATCH_INTERVAL_MS: '100',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_RETRY_MAX_DELAY_MS: '200',
      WEBHOOK_RETRY_WINDOW_MS: '1500',
      WEBHOOK_DISABLE_AFTER_DEAD_LETTERS: '2',
      WEBHOOK_TIMEOUT_MS: '2000',
    });
  });

  afterAll(async () => {
    await t.stop();
    await rx.stop();
  });

  afterEach(() => {
    expect(rx.unverified()).toEqual([]);
  });

  it('delivers each event once per matching subscription, signed, with a masked ID, even when Kafka repeats it', async () => {
    const a = await subscribe('/a');
    const other = await subscribe('/other');
    const eventId = await publish(a.dept);
    await t.producer.send(TOPICS.CASE_COMPLETED, 'same-event', completed(uniqueCaseNo(), a.dept), {
      id: eventId,
    });
    const got = await waitFor(() => rx.at('/a')[0], { description: 'the webhook at /a' });
    await waitFor(async () => (await deliveries(a.id, 'DELIVERED')) === 1 || undefined);
    await waitFor(
      async () =>
        (await t.count('SELECT count(*) AS n FROM processed_events WHERE event_id = $1', [eventId])) === 1 ||
        undefined,
    );
    // The repeat was acknowledged without a second delivery.
    expect(await deliveries(a.id)).toBe(1);
    expect(rx.at('/a')).toHaveLength(1);
    expect(await deliveries(other.id)).toBe(0);
    expect(rx.at('/other')).toHaveLength(0);

    const [row] = (
      await t.pg.query<{ id: string }>('SELECT id FROM webhook_deliveries WHERE subscription_id = $1', [a.id])
    ).rows;
    expect(got.id).toBe(`msg_${row.id.replace(/-/g, '')}`);
    expect(got.verifiedWith).toEqual([0]);
    expect(Math.abs(Number(got.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(got.headers['content-type']).toBe('application/json');
    const body = JSON.parse(got.body) as { type: string; timestamp: string; data: Record<string, any> };
    expect(body.type).toBe(TOPICS.CASE_COMPLETED);
    expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);
    expect(body.data).toMatchObject({ deptCode: a.dept, applicant: { certMasked: '330106********1234' } });
    // Exactly the masked applicant the event carried: no field added, no ID number in clear.
    expect(Object.keys(body.data.applicant as object).sort()).toEqual(
      ['certHash', 'certMasked', 'certType', 'name', 'userProp'].sort(),
    );
    expect(got.body).not.toMatch(/"(certNo|certNumber|idNumber)"/);

    const log = await api('GET', `/${a.id}/deliveries?state=DELIVERED`);
    expect(log).toMatchObject({
      total: 1,
      items: [{ eventId, state: 'DELIVERED', attempts: 1, lastStatus: 200 }],
    });
  });

  it('retries a 500 with backoff under the same webhook-id, then succeeds', async () => {
    const s = await subscribe('/flaky');
    let calls = 0;
    rx.answer('/flaky', () => (++calls <= 2 ? 500 : 204));
    await publish(s.dept);
    await waitFor(async () => (await deliveries(s.id, 'DELIVERED')) === 1 || undefined, {
      timeoutMs: 10_000,
    });
    const attempts = rx.at('/flaky');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((r) => r.id)).size).toBe(1);
    expect(rx.processed('/flaky')).toHaveLength(1);
    const log = await api('GET', `/${s.id}/deliveries`);
    expect(log.items[0]).toMatchObject({ state: 'DELIVERED', attempts: 3, lastStatus: 204 });
    expect((await api('GET', `/${s.id}`)).consecutiveDeadLetters).toBe(0);
  });

  it('signs with the old and the new secret during the overlap after a rotation', async () => {
    const s = await subscribe('/rotated');
    const rotated = await api('POST', `/${s.id}/rotate-secret`);
    rx.knowSecrets('/rotated', [rotated.secret as string, s.secret]);
    await publish(s.dept);
    const got = await waitFor(() => rx.at('/rotated')[0], { description: 'the webhook at /rotated' });
    expect(got.signatures).toHaveLength(2);
    // The new secret verifies the first signature, the old one the second.
    expect(got.verifiedWith).toEqual([0, 1]);
  });

  it('dead-letters after the retry window, disables the subscription with an ops event, and replays', async () => {
    const s = await subscribe('/down');
    let status = 503;
    rx.answer('/down', () => status);
    await publish(s.dept);
    await publish(s.dept);
    await waitFor(async () => (await deliveries(s.id, 'DEAD')) === 2 || undefined, { timeoutMs: 15_000 });
    expect(rx.at('/down').length).toBeGreaterThanOrEqual(4);

    const notice = await t.collector.waitForMessage(
      TOPICS.GATEWAY_WEBHOOK_DELIVERY_FAILED,
      (m) => (m.value as { subscriptionId?: string }).subscriptionId === s.id,
    );
    expect(notice.key).toBe(s.id);
    expect(notice.value).toMatchObject({
      partnerName: 'partner /down',
      targetOrigin: rx.url,
      reason: 'CONSECUTIVE_DEAD_LETTERS',
      consecutiveDeadLetters: 2,
      lastStatus: 503,
    });
    const disabled = await api('GET', `/${s.id}`);
    // The admin view says why and when (the time the notice carries), and since when it was failing.
    expect(disabled).toMatchObject({
      status: 'DISABLED',
      disabledReason: 'CONSECUTIVE_DEAD_LETTERS',
      disabledAt: (notice.value as { disabledAt: string }).disabledAt,
      consecutiveDeadLetters: 2,
    });
    expect(Date.parse(disabled.failingSince)).toBeLessThanOrEqual(Date.parse(disabled.disabledAt));
    const dead = await api('GET', `/${s.id}/dead-letters`);
    expect(dead.total).toBe(2);
    expect(dead.items[0]).toMatchObject({ state: 'DEAD', lastStatus: 503, lastError: 'HTTP 503' });

    // While disabled, new events are queued but not sent.
    await publish(s.dept);
    await waitFor(async () => (await deliveries(s.id, 'PENDING')) === 1 || undefined);
    const sentWhileDisabled = rx.at('/down').length;

    // The partner is back: re-enable (the queued one goes), replay one dead letter, then the rest.
    status = 200;
    const on = await api('PATCH', `/${s.id}`, { enabled: true });
    expect(on).toMatchObject({ status: 'ACTIVE', consecutiveDeadLetters: 0 });
    await waitFor(async () => (await deliveries(s.id, 'DELIVERED')) === 1 || undefined);
    expect(rx.at('/down').length).toBe(sentWhileDisabled + 1);

    const first = dead.items[0] as { id: string; webhookId: string };
    expect(await api('POST', `/${s.id}/deliveries/${first.id}/replay`)).toEqual({ replayed: 1 });
    await waitFor(async () => (await deliveries(s.id, 'DELIVERED')) === 2 || undefined);
    expect(await api('POST', `/${s.id}/dead-letters/replay`)).toEqual({ replayed: 1 });
    await waitFor(async () => (await deliveries(s.id, 'DELIVERED')) === 3 || undefined);
    expect(await deliveries(s.id, 'DEAD')).toBe(0);
    // A replay keeps its webhook-id: the partner can tell it from a new event.
    expect(rx.at('/down').filter((r) => r.id === first.webhookId).length).toBeGreaterThan(1);
    expect(rx.processed('/down')).toHaveLength(3);
    const log = await api('GET', `/${s.id}/deliveries?pageSize=10`);
    expect(log.items.filter((d: { replays: number }) => d.replays === 1)).toHaveLength(2);

    const metrics = await (await fetch(`${t.svc.url}/metrics`)).text();
    for (const outcome of ['delivered', 'failed', 'dead']) {
      expect(metrics).toMatch(
        new RegExp(`webhook_delivery_attempts_total\\{[^}]*outcome="${outcome}"[^}]*\\} [1-9]`),
      );
    }
    // Counted (alert WebhookSubscriptionDisabled); the other reason is exported at 0 from the start.
    expect(metrics).toMatch(
      /webhook_subscriptions_disabled_total\{[^}]*reason="CONSECUTIVE_DEAD_LETTERS"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(/webhook_subscriptions_disabled_total\{[^}]*reason="FAILING_TOO_LONG"[^}]*\} 0/);
  });

  it('checks the target again at delivery time and refuses a forbidden address without connecting', async () => {
    const s = await subscribe('/moved');
    // What a DNS answer that changed since the subscription was checked looks like to the dispatcher.
    await t.pg.query(`UPDATE webhook_subscriptions SET target_url = 'http://10.0.0.5/hook' WHERE id = $1`, [
      s.id,
    ]);
    await publish(s.dept);
    const refused = await waitFor(async () => {
      const log = await api('GET', `/${s.id}/deliveries`);
      return log.items[0]?.attempts > 0 ? log.items[0] : undefined;
    });
    expect(refused).toMatchObject({ state: 'PENDING', lastStatus: null });
    expect(refused.lastError).toBe('target refused: WEBHOOK_TARGET_FORBIDDEN (private)');
    expect(rx.at('/moved')).toHaveLength(0);
  });

  it('prunes delivered and dead deliveries past the retention, never pending ones', async () => {
    const s = await subscribe('/pruned');
    rx.answer('/pruned', () => 200);
    await publish(s.dept);
    await waitFor(async () => (await deliveries(s.id, 'DELIVERED')) === 1 || undefined);
    await t.pg.query(
      `UPDATE webhook_deliveries SET created_at = now() - interval '31 days' WHERE subscription_id = $1`,
      [s.id],
    );
    // A pending delivery just as old, of a paused subscription (so nothing sends it meanwhile).
    const paused = await subscribe('/paused');
    await api('PATCH', `/${paused.id}`, { enabled: false });
    await t.pg.query(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, topic, created_at)
       SELECT $1, event_id, topic, now() - interval '40 days' FROM webhook_deliveries WHERE subscription_id = $2 LIMIT 1`,
      [paused.id, s.id],
    );
    const pruned = await t.svc.app.get(PruneDeliveriesUseCase).execute();
    expect(pruned.deliveries).toBeGreaterThanOrEqual(1);
    expect(await deliveries(s.id)).toBe(0);
    // The pending one (and so its event body) stays.
    expect(
      await t.count(
        `SELECT count(*) AS n FROM webhook_deliveries WHERE state = 'PENDING' AND created_at < now() - interval '39 days'`,
      ),
    ).toBe(1);
  });
});
