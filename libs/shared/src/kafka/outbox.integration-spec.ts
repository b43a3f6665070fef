import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ServiceConfig } from '../config/base.config';
import { TOPICS } from '../contracts/topics';
import { ApplicationNotAcceptedV1 } from '../contracts/events';
import { createTestDatabase, testEnv } from '../testing/test-env';
import { EventCollector } from '../testing/event-collector';
import { waitFor } from '../testing/wait-for';
import { InboxService } from './inbox.service';
import { InboundEvent } from './inbound-event';
import { KafkaConnection } from './kafka-connection';
import { CreateMessagingTables1732400000000 } from '../database/messaging.migration';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';

/** Transactional outbox + relay + idempotent inbox against the real PostgreSQL and Kafka. */
describe('outbox relay and idempotent inbox (real PostgreSQL + Kafka)', () => {
  const env = testEnv();
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let kafka: KafkaConnection;
  let relay: OutboxRelay;
  const outbox = new OutboxService('outbox-test');
  const collector = new EventCollector(env.kafkaBrokers, [TOPICS.APPLICATION_NOT_ACCEPTED]);
  const config = Object.assign(new ServiceConfig(), {
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    KAFKA_CLIENT_ID: 'outbox-test',
    OUTBOX_POLL_MS: 50,
    OUTBOX_RELAY_ENABLED: false,
  });

  const payload = (caseNo: string, reason = '材料不属于本部门'): ApplicationNotAcceptedV1 =>
    Object.assign(new ApplicationNotAcceptedV1(), {
      caseNo,
      itemCode: 'ITEM-1',
      itemName: '测试事项',
      deptCode: '113301000024901620',
      deptName: '杭州市市场监督管理局',
      reason,
      decidedAt: new Date().toISOString(),
      decidedBy: 'tester',
    });

  beforeAll(async () => {
    db = await createTestDatabase('it_outbox');
    ds = new DataSource({ type: 'postgres', url: db.url, migrations: [CreateMessagingTables1732400000000] });
    await ds.initialize();
    await ds.runMigrations();
    await ds.query(`CREATE TABLE side_effects (id serial PRIMARY KEY, case_no text NOT NULL)`);
    kafka = new KafkaConnection(config);
    relay = new OutboxRelay(ds, kafka, config);
    await collector.start();
  });

  afterAll(async () => {
    await relay.stop();
    await collector.stop();
    await kafka.onApplicationShutdown();
    await ds.destroy();
    await db.drop();
  });

  const caseNo = () => `330100${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(0, 20);

  it('refuses to write outside a transaction and refuses an invalid payload', async () => {
    await expect(
      outbox.add(ds.manager, TOPICS.APPLICATION_NOT_ACCEPTED, 'K', payload('3301002026112400000A')),
    ).rejects.toThrow(/inside a transaction/);
    await expect(
      ds.transaction((em) =>
        outbox.add(em, TOPICS.APPLICATION_NOT_ACCEPTED, 'K', {
          ...payload('3301002026112400000A'),
          reason: '',
        }),
      ),
    ).rejects.toThrow(/violates contract/);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM outbox`))[0].n)).toBe(0);
  });

  it('publishes committed events in order per key and never a rolled-back one', async () => {
    const a = caseNo();
    const b = `${a.slice(0, 19)}B`;
    for (let i = 0; i < 5; i++) {
      await ds.transaction((em) =>
        outbox.add(em, TOPICS.APPLICATION_NOT_ACCEPTED, a, payload(a, `reason ${i}`)),
      );
      await ds.transaction((em) =>
        outbox.add(em, TOPICS.APPLICATION_NOT_ACCEPTED, b, payload(b, `reason ${i}`)),
      );
    }
    await expect(
      ds.transaction(async (em) => {
        await outbox.add(em, TOPICS.APPLICATION_NOT_ACCEPTED, a, payload(a, 'rolled back'));
        throw new Error('business rule failed after the event was written');
      }),
    ).rejects.toThrow('business rule');
    relay.start();
    await waitFor(
      () =>
        collector.find(TOPICS.APPLICATION_NOT_ACCEPTED, (m) => m.key === a || m.key === b).length >= 10 ||
        undefined,
      {
        description: '10 events',
      },
    );
    await relay.stop();
    const reasons = (k: string) =>
      collector
        .find(TOPICS.APPLICATION_NOT_ACCEPTED, (m) => m.key === k)
        .map((m) => (m.value as { reason: string }).reason);
    expect(reasons(a)).toEqual(['reason 0', 'reason 1', 'reason 2', 'reason 3', 'reason 4']);
    expect(reasons(b)).toEqual(['reason 0', 'reason 1', 'reason 2', 'reason 3', 'reason 4']);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`))[0].n)).toBe(
      0,
    );
  });

  it('re-sends after a crash between publish and commit, and the inbox applies the event once', async () => {
    const k = caseNo();
    await ds.transaction((em) => outbox.add(em, TOPICS.APPLICATION_NOT_ACCEPTED, k, payload(k)));
    // Crash after Kafka acknowledged but before the "published" mark committed: the transaction rolls back.
    const realQuery = ds.createQueryRunner;
    let crash = true;
    ds.createQueryRunner = function (...args: Parameters<typeof realQuery>) {
      const qr = realQuery.apply(ds, args);
      const q = qr.query.bind(qr);
      qr.query = (async (sql: string, params?: unknown[]) => {
        if (crash && sql.startsWith('UPDATE outbox SET published_at')) {
          crash = false;
          throw new Error('simulated crash before commit');
        }
        return q(sql, params);
      }) as typeof qr.query;
      return qr;
    };
    await expect(relay.relayOnce()).rejects.toThrow('simulated crash');
    ds.createQueryRunner = realQuery;
    expect(await relay.relayOnce()).toBe(1);
    const delivered = await waitFor(
      () => {
        const ms = collector.find(TOPICS.APPLICATION_NOT_ACCEPTED, (m) => m.key === k);
        return ms.length >= 2 ? ms : undefined;
      },
      { description: 'the event twice (at-least-once)' },
    );
    expect(delivered[0].headers.ce_id).toBe(delivered[1].headers.ce_id);

    const inbox = new InboxService(ds, relay, 'outbox-test');
    for (const m of delivered) {
      const ev = {
        id: m.headers.ce_id,
        topic: TOPICS.APPLICATION_NOT_ACCEPTED,
        payload: m.value,
      } as unknown as InboundEvent<typeof TOPICS.APPLICATION_NOT_ACCEPTED>;
      await inbox.handleOnce(ev, async (em) => {
        await em.query(`INSERT INTO side_effects (case_no) VALUES ($1)`, [k]);
      });
    }
    expect(
      Number((await ds.query(`SELECT count(*) AS n FROM side_effects WHERE case_no = $1`, [k]))[0].n),
    ).toBe(1);
    // A failing handler leaves no processed_events row, so the redelivery runs it again.
    const ev2 = {
      id: randomUUID(),
      topic: TOPICS.APPLICATION_NOT_ACCEPTED,
      payload: {},
    } as unknown as InboundEvent<typeof TOPICS.APPLICATION_NOT_ACCEPTED>;
    await expect(inbox.handleOnce(ev2, () => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down',
    );
    expect(await inbox.handleOnce(ev2, () => Promise.resolve())).toBe(true);
    expect(await inbox.handleOnce(ev2, () => Promise.resolve())).toBe(false);
  });
});
