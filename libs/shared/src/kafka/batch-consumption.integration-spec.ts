import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ServiceConfig } from '../config/service.config';
import { TOPICS } from '../contracts/topics';
import { EventCollector } from '../testing/event-collector';
import { TestProducer } from '../testing/produce';
import {
  messagingTestDatabase,
  MessagingTestDatabase,
  notAcceptedPayload,
} from '../testing/messaging-fixtures';
import { testEnv } from '../testing/test-env';
import { waitFor } from '../testing/wait-for';
import { InboundEvent, NonRetryableError } from './inbound-event';
import { InboxService } from './inbox.service';
import { createKafka, KafkaConnection } from './kafka-connection';
import { KafkaEventServer } from './kafka-event.server';
import { OutboxRelay } from './outbox-relay';

/**
 * Batch consumption against the real broker and database: the inbox handlers of a fetched batch share one
 * transaction (rows written together carry the same xmin), every event is applied once — a duplicate in
 * the batch too — and a batch holding a poison message or a failing one is rolled back and handled again
 * message by message: the poison goes to the .dlq alone, the rest is applied once.
 */
describe('batch consumption (real Kafka + PostgreSQL)', () => {
  const env = testEnv();
  const topic = TOPICS.APPLICATION_NOT_ACCEPTED;
  const producer = new TestProducer(env.kafkaBrokers);
  const admin = createKafka(env.kafkaBrokers, 'batch-test').admin();
  const dlq = new EventCollector(env.kafkaBrokers, [`${topic}.dlq`]);
  const tag = randomUUID().slice(0, 8);
  let db: MessagingTestDatabase;
  let ds: DataSource;
  let kafka: KafkaConnection;
  let inbox: InboxService;
  let flakyFailures = 0;
  const servers: KafkaEventServer[] = [];

  const payload = (label: string) => notAcceptedPayload('33010020261126000001', `${tag}:${label}`);

  beforeAll(async () => {
    db = await messagingTestDatabase('it_batch');
    ds = db.ds;
    const config = Object.assign(new ServiceConfig(), {
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      KAFKA_CLIENT_ID: 'batch-test',
      OUTBOX_RELAY_ENABLED: false,
    });
    kafka = new KafkaConnection(config);
    inbox = new InboxService(ds, new OutboxRelay(ds, kafka, config), 'batch-test');
    await admin.connect();
    await dlq.start();
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await producer.close();
    await dlq.stop();
    await admin.disconnect();
    await kafka.onApplicationShutdown();
    await db.drop();
  });

  /**
   * Publishes the labelled events (same key: one partition, in order) while no consumer runs, then starts
   * one on a group positioned just before them, so that they arrive in one fetched batch.
   */
  const consumeAfterPublishing = async (
    labels: Array<string | { label: string; id: string }>,
    opts: { keyOf?: (i: number) => string; partitionsConsumedConcurrently?: number } = {},
  ) => {
    // One consumer at a time: an earlier test's would handle (and dead-letter) these events too.
    await Promise.all(servers.splice(0).map((s) => s.close()));
    const groupId = `batch-test-${randomUUID()}`;
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })),
    });
    const ids: string[] = [];
    for (const [i, l] of labels.entries()) {
      const [label, id] = typeof l === 'string' ? [l, undefined] : [l.label, l.id];
      const key = opts.keyOf?.(i) ?? `key-${tag}`;
      ids.push(await producer.send(topic, key, payload(label), { id }));
    }
    const server = new KafkaEventServer({
      brokers: env.kafkaBrokers,
      clientId: 'batch-test',
      groupId,
      maxRetries: 3,
      retryBaseMs: 10,
      fromBeginning: false,
      partitionsConsumedConcurrently: opts.partitionsConsumedConcurrently,
      batch: { max: 50, scope: (fn) => inbox.inBatch(fn) },
    });
    server.addHandler(
      topic,
      async (e: InboundEvent<typeof topic>) => {
        const [t, label] = e.payload.reason.split(':');
        if (t !== tag) return;
        if (label.startsWith('poison')) throw new NonRetryableError('cannot be applied', 'TEST_POISON');
        if (label.startsWith('flaky') && flakyFailures++ === 0) throw new Error('fails once');
        await inbox.handleOnce(e, async (em) => {
          await em.query(`INSERT INTO side_effects (label) VALUES ($1)`, [label]);
        });
      },
      true,
    );
    servers.push(server);
    await new Promise<void>(
      (resolve, reject) =>
        void server.listen((e) => (e ? reject(e instanceof Error ? e : new Error('no start')) : resolve())),
    );
    return ids;
  };

  const applied = async (prefix: string) =>
    ds.query<Array<{ label: string; tx: string }>>(
      `SELECT label, xmin::text AS tx FROM side_effects WHERE label LIKE $1 ORDER BY id`,
      [`${prefix}%`],
    );

  const effectsOf = (work: Array<() => Promise<void>>) =>
    work.map((w) =>
      inbox.inBatch(w).then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    );

  const direct: string[] = [];
  const event = (): InboundEvent<typeof topic> => {
    direct.push(randomUUID());
    return { id: direct[direct.length - 1], topic } as unknown as InboundEvent<typeof topic>;
  };

  const sideEffect = (label: string) => () =>
    inbox
      .handleOnce(event(), async (em) => {
        await em.query(`INSERT INTO side_effects (label) VALUES ($1)`, [label]);
      })
      .then(() => undefined);

  it('group commit: scopes opened at the same time share one transaction; one that throws rolls all of them back', async () => {
    expect(await Promise.all(effectsOf([sideEffect('g-1'), sideEffect('g-2'), sideEffect('g-3')]))).toEqual([
      'ok',
      'ok',
      'ok',
    ]);
    const rows = await applied('g-');
    expect(rows.map((r) => r.label)).toEqual(['g-1', 'g-2', 'g-3']);
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);

    const failing = async () => {
      await sideEffect('h-2')();
      throw new Error('the second scope fails');
    };
    expect(await Promise.all(effectsOf([sideEffect('h-1'), failing, sideEffect('h-3')]))).toEqual([
      'the second scope fails',
      'the second scope fails',
      'the second scope fails',
    ]);
    expect(await applied('h-')).toEqual([]);
    const processed = await ds.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM processed_events WHERE event_id = ANY($1)`,
      [direct],
    );
    expect(Number(processed[0].n)).toBe(3); // the g- events only, none of the rolled-back group
  });

  it('group commit over a fetch: the chunks of several partitions handled at once commit together', async () => {
    const labels = Array.from({ length: 24 }, (_, i) => `p${i}`);
    await consumeAfterPublishing(labels, {
      keyOf: (i) => `key-${tag}-${i}`,
      partitionsConsumedConcurrently: 6,
    });
    const rows = await waitFor(async () => ((await applied('p')).length >= 24 ? applied('p') : undefined), {
      description: 'all 24 events applied',
      timeoutMs: 30_000,
    });
    const partitions = await admin.fetchTopicOffsets(topic);
    expect(partitions.length).toBeGreaterThanOrEqual(3);
    // 24 keys land on most of the topic's partitions; their chunks commit in one or two transactions
    // (one per partition before group commit).
    expect(new Set(rows.map((r) => r.tx)).size).toBeLessThanOrEqual(2);
  });

  it('handles a fetched batch in one transaction, each event once, a duplicate in the batch skipped', async () => {
    const labels: Array<string | { label: string; id: string }> = Array.from(
      { length: 30 },
      (_, i) => `a${i}`,
    );
    const again = randomUUID();
    labels.splice(5, 0, { label: 'a-dup', id: again });
    labels.push({ label: 'a-dup', id: again });
    await consumeAfterPublishing(labels);
    const rows = await waitFor(async () => ((await applied('a')).length >= 31 ? applied('a') : undefined), {
      description: 'all 31 events applied',
      timeoutMs: 30_000,
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await applied('a')).map((r) => r.label).sort()).toEqual(
      [...Array.from({ length: 30 }, (_, i) => `a${i}`), 'a-dup'].sort(),
    );
    // Far fewer transactions than events (one per fetched chunk; one event per transaction before).
    expect(new Set(rows.map((r) => r.tx)).size).toBeLessThanOrEqual(5);
  });

  it('a poison message or a failing one in a batch: rolled back, then one by one — the poison to the .dlq, the rest once', async () => {
    const labels = ['b0', 'b1', 'b2', 'poison-b3', 'b4', 'flaky-b5', 'b6', 'b7'];
    const ids = await consumeAfterPublishing(labels);
    await waitFor(
      async () => ((await applied('b')).length + (await applied('flaky-b')).length >= 7 ? true : undefined),
      {
        description: 'the seven good events applied',
        timeoutMs: 30_000,
      },
    );
    const letter = await waitFor(() => dlq.find(`${topic}.dlq`, (m) => m.headers.ce_id === ids[3])[0], {
      description: 'the poison dead-lettered',
    });
    expect(letter.headers['x-dlq-reason']).toBe('TEST_POISON');
    await new Promise((r) => setTimeout(r, 1000));
    const rows = [...(await applied('b')), ...(await applied('flaky-b'))].map((r) => r.label).sort();
    expect(rows).toEqual(['b0', 'b1', 'b2', 'b4', 'b6', 'b7', 'flaky-b5'].sort());
    expect(dlq.find(`${topic}.dlq`, (m) => ids.includes(m.headers.ce_id))).toHaveLength(1);
    const processed = await ds.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM processed_events WHERE event_id = ANY($1)`,
      [ids],
    );
    expect(Number(processed[0].n)).toBe(7);
  });
});
