import { randomUUID } from 'node:crypto';
import { TOPICS } from '../contracts/topics';
import { notAcceptedPayload } from '../testing/messaging-fixtures';
import { startTestServer } from '../testing/kafka-test-server';
import { TestProducer } from '../testing/produce';
import { testEnv } from '../testing/test-env';
import { waitFor } from '../testing/wait-for';
import { ConsumerStart, ConsumerStartGate } from './consumer-start';
import { createKafka } from './kafka-connection';
import { KafkaEventServer } from './kafka-event.server';

/**
 * A consumer deferred until something needs it (the gateway's partner consumer), against the real broker:
 * while not needed it has no group and reads nothing; once needed it joins, its positions brought forward
 * to the time it was needed from — it gets every event from then on, including those published while it
 * was still idle, and none from before. Positions are never moved backward.
 */
describe('deferred consumer start (real Kafka)', () => {
  const env = testEnv();
  const topic = TOPICS.APPLICATION_NOT_ACCEPTED;
  const producer = new TestProducer(env.kafkaBrokers);
  const admin = createKafka(env.kafkaBrokers, 'consumer-start-test').admin();
  const servers: KafkaEventServer[] = [];
  const tag = randomUUID().slice(0, 8);

  const publish = (label: string) =>
    producer.send(
      topic,
      label,
      notAcceptedPayload(
        `330100202611260${Math.floor(Math.random() * 1e5)
          .toString()
          .padStart(5, '0')}`,
        `${tag}:${label}`,
      ),
    );

  /** A server on a new group whose handler records the labels of this test's events. */
  const startServer = async (groupId: string, gate: ConsumerStartGate) => {
    const seen: string[] = [];
    const server = await startTestServer(
      { brokers: env.kafkaBrokers, clientId: 'consumer-start-test', groupId, fromBeginning: true, gate },
      topic,
      (e) => {
        const [t, label] = e.payload.reason.split(':');
        if (t === tag) seen.push(label);
        return Promise.resolve();
      },
    );
    servers.push(server);
    return { server, seen };
  };

  /** A gate the test opens. */
  const gate = () => {
    let need: ConsumerStart | null = null;
    return { pollMs: 200, needed: () => Promise.resolve(need), open: (n: ConsumerStart) => (need = n) };
  };

  const groupState = async (groupId: string) =>
    (await admin.describeGroups([groupId])).groups[0]?.state ?? 'Dead';

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await producer.close();
    await admin.disconnect();
  });

  it('stays out of Kafka until needed, then gets everything from the time it was needed, nothing before', async () => {
    const groupId = `consumer-start-${tag}-a`;
    const g = gate();
    await publish('old');
    await new Promise((r) => setTimeout(r, 1500));
    const since = new Date();
    const { server, seen } = await startServer(groupId, g);
    expect(server.isReady).toBe(true);
    expect(server.isConnected).toBe(false);
    await publish('while-idle');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await groupState(groupId)).toBe('Dead');
    expect(seen).toEqual([]);

    g.open({ since });
    await publish('after');
    await waitFor(() => seen.length >= 2 || undefined, {
      description: 'both events owed',
      timeoutMs: 30_000,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(seen.sort()).toEqual(['after', 'while-idle']);
    expect(server.isConnected).toBe(true);
  });

  it('starts at once when needed at boot, and never moves committed positions backward', async () => {
    const groupId = `consumer-start-${tag}-b`;
    const first = gate();
    first.open({ since: new Date() });
    const a = await startServer(groupId, first);
    await waitFor(() => a.server.isConnected || undefined, { description: 'joined', timeoutMs: 30_000 });
    await publish('one');
    await waitFor(() => a.seen.includes('one') || undefined, { description: 'one handled' });
    await a.server.close();
    const left = await admin.fetchOffsets({ groupId, topics: [topic] });

    // A restart that is owed events from an hour ago keeps its committed positions.
    const again = gate();
    again.open({ since: new Date(Date.now() - 3_600_000) });
    const b = await startServer(groupId, again);
    await waitFor(() => b.server.isConnected || undefined, { description: 'rejoined', timeoutMs: 30_000 });
    await publish('two');
    await waitFor(() => b.seen.includes('two') || undefined, { description: 'two handled' });
    expect(b.seen).toEqual(['two']);
    const now = await admin.fetchOffsets({ groupId, topics: [topic] });
    for (const p of left[0].partitions) {
      const after = now[0].partitions.find((x) => x.partition === p.partition)!;
      expect(Number(after.offset)).toBeGreaterThanOrEqual(Number(p.offset));
    }
  });
});
