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
import { InboxService } from './inbox.service';
import { InboundEvent, NonRetryableError } from './inbound-event';
import { KafkaConnection } from './kafka-connection';
import { KafkaEventServer } from './kafka-event.server';
import { replayDeadLetters } from './operations';
import { OutboxRelay } from './outbox-relay';

/**
 * The DLQ replay command against the real broker: a message the consumer could not handle goes to the
 * .dlq; once the cause is fixed, the replay sends it through the normal consumer, which applies it once —
 * a second replay is a duplicate the inbox ignores. Filters and dry run select without sending.
 */
describe('DLQ replay (real Kafka + PostgreSQL)', () => {
  const env = testEnv();
  const topic = TOPICS.APPLICATION_NOT_ACCEPTED;
  let db: MessagingTestDatabase;
  let ds: DataSource;
  let server: KafkaEventServer;
  let kafka: KafkaConnection;
  const producer = new TestProducer(env.kafkaBrokers);
  const dlqCollector = new EventCollector(env.kafkaBrokers, [`${topic}.dlq`]);
  let broken = true;
  /** Deliveries of this test's event to the fixed handler (applied or skipped as a duplicate). */
  let deliveries = 0;
  const caseNo = `3301002026112600${Math.floor(Math.random() * 1e4)
    .toString()
    .padStart(4, '0')}`;

  beforeAll(async () => {
    db = await messagingTestDatabase('it_dlq_replay');
    ds = db.ds;
    const config = Object.assign(new ServiceConfig(), {
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      KAFKA_CLIENT_ID: 'dlq-replay-test',
      OUTBOX_RELAY_ENABLED: false,
    });
    kafka = new KafkaConnection(config);
    const inbox = new InboxService(ds, new OutboxRelay(ds, kafka, config), 'dlq-replay-test');
    server = new KafkaEventServer({
      brokers: env.kafkaBrokers,
      clientId: 'dlq-replay-test',
      groupId: `dlq-replay-test-${randomUUID()}`,
      maxRetries: 0,
      retryBaseMs: 10,
      fromBeginning: false,
    });
    server.addHandler(
      topic,
      async (event: InboundEvent<typeof topic>) => {
        if (event.payload.caseNo !== caseNo) return;
        if (broken) throw new NonRetryableError('the handler had a bug', 'TEST_BUG');
        deliveries++;
        await inbox.handleOnce(event, async (em) => {
          await em.query(`INSERT INTO side_effects (case_no) VALUES ($1)`, [caseNo]);
        });
      },
      true,
    );
    await dlqCollector.start();
    await new Promise<void>(
      (resolve, reject) =>
        void server.listen((e) =>
          e ? reject(e instanceof Error ? e : new Error('consumer did not start')) : resolve(),
        ),
    );
    await waitFor(() => server.isConnected || undefined, { description: 'consumer joined' });
  });

  afterAll(async () => {
    await server.close();
    await producer.close();
    await dlqCollector.stop();
    await kafka.onApplicationShutdown();
    await db.drop();
  });

  const sideEffects = async () =>
    Number((await ds.query(`SELECT count(*) AS n FROM side_effects WHERE case_no = $1`, [caseNo]))[0].n);

  it('replays a dead letter through the normal consumer once; filters and dry run send nothing', async () => {
    const payload = notAcceptedPayload(caseNo);
    const id = await producer.send(topic, caseNo, payload);
    const letter = await waitFor(() => dlqCollector.find(`${topic}.dlq`, (m) => m.headers.ce_id === id)[0], {
      description: 'the message dead-lettered',
    });
    expect(letter.headers['x-dlq-reason']).toBe('TEST_BUG');
    expect(await sideEffects()).toBe(0);

    // Dry run and non-matching filters select but send nothing.
    const dry = await replayDeadLetters({ brokers: env.kafkaBrokers, topic, eventId: id, dryRun: true });
    expect(dry.matched.map((m) => m.eventId)).toEqual([id]);
    expect(dry.replayed).toBe(0);
    const later = await replayDeadLetters({
      brokers: env.kafkaBrokers,
      topic,
      eventId: id,
      from: new Date(Date.now() + 3_600_000),
      dryRun: false,
    });
    expect(later.matched).toHaveLength(0);
    await expect(
      replayDeadLetters({ brokers: env.kafkaBrokers, topic: `${topic}.dlq`, dryRun: true }),
    ).rejects.toThrow(/original topic/);

    // The bug is fixed: the replay is handled once; a second replay is a duplicate.
    broken = false;
    const first = await replayDeadLetters({ brokers: env.kafkaBrokers, topic, eventId: id, dryRun: false });
    expect(first.replayed).toBe(1);
    await waitFor(async () => ((await sideEffects()) === 1 ? true : undefined), {
      description: 'the replayed event applied',
    });
    const second = await replayDeadLetters({ brokers: env.kafkaBrokers, topic, eventId: id, dryRun: false });
    expect(second.replayed).toBe(1);
    const rows = await ds.query<Array<{ event_id: string }>>(`SELECT event_id FROM processed_events`);
    expect(rows.map((r) => r.event_id)).toEqual([id]);
    await waitFor(() => deliveries === 2 || undefined, { description: 'the second replay delivered' });
    expect(await sideEffects()).toBe(1);
    // Nothing new was dead-lettered by the replays.
    expect(dlqCollector.find(`${topic}.dlq`, (m) => m.headers.ce_id === id)).toHaveLength(1);
  });
});
