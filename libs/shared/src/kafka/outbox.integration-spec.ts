import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TOPICS } from '../contracts/topics';
import { notAcceptedPayload, RelayTestKit, relayTestKit } from '../testing/messaging-fixtures';
import { EventCollector } from '../testing/event-collector';
import { waitFor } from '../testing/wait-for';
import { InboxService } from './inbox.service';
import { InboundEvent } from './inbound-event';
import { MessagingPruner } from './messaging-pruner';
import { requeueParked } from './operations';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';

/** Transactional outbox + relay + idempotent inbox against the real PostgreSQL and Kafka. */
describe('outbox relay and idempotent inbox (real PostgreSQL + Kafka)', () => {
  let kit: RelayTestKit;
  let ds: DataSource;
  let relay: OutboxRelay;
  let collector: EventCollector;
  const outbox = new OutboxService('outbox-test');
  const payload = notAcceptedPayload;

  beforeAll(async () => {
    kit = await relayTestKit('it_outbox');
    ({ relay, collector } = kit);
    ds = kit.db.ds;
  });

  afterAll(() => kit.close());

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
    // The mark goes to PostgreSQL with the COMMIT in one message on the runner's connection: fail that send.
    ds.createQueryRunner = function (...args: Parameters<typeof realQuery>) {
      const qr = realQuery.apply(ds, args);
      const connect = qr.connect.bind(qr);
      qr.connect = async () => {
        const client = (await connect()) as { query: (...a: unknown[]) => Promise<unknown> };
        const q = client.query.bind(client);
        const crashing = (...a: unknown[]) => {
          if (crash && typeof a[0] === 'string' && a[0].includes('UPDATE outbox SET published_at')) {
            crash = false;
            client.query = q;
            return Promise.reject(new Error('simulated crash before commit'));
          }
          return q(...a);
        };
        if (crash) client.query = crashing;
        return client;
      };
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

  it('parks a row Kafka refuses for good, holds later rows of its key, lets other keys flow; requeue sends it', async () => {
    await ds.query(`UPDATE outbox SET published_at = now() WHERE published_at IS NULL`);
    const bad = caseNo();
    const other = `${bad.slice(0, 19)}Z`;
    const insertRaw = (key: string, value: unknown) =>
      ds.query(
        `INSERT INTO outbox (event_id, topic, message_key, payload, headers) VALUES ($1, $2, $3, $4, $5)`,
        [
          randomUUID(),
          TOPICS.APPLICATION_NOT_ACCEPTED,
          key,
          JSON.stringify(value),
          JSON.stringify({ ce_id: randomUUID() }),
        ],
      );
    // Larger than the broker's message.max.bytes (1 MiB): MESSAGE_TOO_LARGE, not retriable.
    await insertRaw(bad, { ...payload(bad), reason: 'x'.repeat(1_200_000) });
    await insertRaw(bad, payload(bad, 'after the bad one'));
    await insertRaw(other, payload(other, 'another key'));
    // Round 1: the batch is refused as a whole; round 2 (one by one): attempt 1; round 3: attempt 2 → parked.
    await expect(relay.relayOnce()).rejects.toThrow();
    expect(await relay.relayOnce()).toBe(1); // the other key went through
    expect(await relay.relayOnce()).toBe(0); // the bad row parked, the row behind it held
    const rows = await ds.query<
      Array<{
        message_key: string;
        parked: boolean;
        attempts: number;
        last_error: string | null;
        published: boolean;
      }>
    >(
      `SELECT message_key, parked_at IS NOT NULL AS parked, attempts, last_error, published_at IS NOT NULL AS published
         FROM outbox WHERE message_key IN ($1, $2) ORDER BY id`,
      [bad, other],
    );
    expect(rows.map((r) => [r.message_key, r.parked, r.published])).toEqual([
      [bad, true, false],
      [bad, false, false],
      [other, false, true],
    ]);
    expect(rows[0].attempts).toBe(2);
    expect(rows[0].last_error).toBeTruthy();
    expect(await relay.relayOnce()).toBe(0); // nothing behind a parked row moves
    await waitFor(
      () => collector.find(TOPICS.APPLICATION_NOT_ACCEPTED, (m) => m.key === other).length === 1 || undefined,
      {
        description: 'the other key delivered',
      },
    );
    expect(collector.find(TOPICS.APPLICATION_NOT_ACCEPTED, (m) => m.key === bad)).toHaveLength(0);
    // The operator fixes the row and requeues it: both rows of the key go out, in order.
    await ds.query(`UPDATE outbox SET payload = $2 WHERE message_key = $1 AND parked_at IS NOT NULL`, [
      bad,
      JSON.stringify(payload(bad, 'fixed')),
    ]);
    expect(await requeueParked(ds, {})).toBe(1);
    expect(await relay.relayOnce()).toBe(2);
    const reasons = await waitFor(
      () => {
        const ms = collector.find(TOPICS.APPLICATION_NOT_ACCEPTED, (m) => m.key === bad);
        return ms.length === 2 ? ms.map((m) => (m.value as { reason: string }).reason) : undefined;
      },
      { description: 'the held key delivered after requeue' },
    );
    expect(reasons).toEqual(['fixed', 'after the bad one']);
  });

  it('prunes published outbox rows and inbox entries past their retention, nothing else', async () => {
    await ds.query(`DELETE FROM outbox`);
    await ds.query(`DELETE FROM processed_events`);
    const add = (age: string, published: boolean) =>
      ds.query(
        `INSERT INTO outbox (event_id, topic, message_key, payload, headers, created_at, published_at)
         VALUES ($1, 't', 'k', '{}', '{}', now() - $2::interval, CASE WHEN $3 THEN now() END)`,
        [randomUUID(), age, published],
      );
    await add('100 hours', true); // pruned (72 h)
    await add('100 hours', false); // never published: kept
    await add('1 hour', true); // young: kept
    const inbox = (age: string) =>
      ds.query(
        `INSERT INTO processed_events (event_id, consumer, topic, processed_at) VALUES ($1, 'c', 't', now() - $2::interval)`,
        [randomUUID(), age],
      );
    await inbox('31 days'); // pruned (30 days)
    await inbox('29 days');
    const pruner = new MessagingPruner(ds, kit.config);
    expect(await pruner.pruneOnce()).toEqual({ outbox: 1, processedEvents: 1 });
    expect(await pruner.pruneOnce()).toEqual({ outbox: 0, processedEvents: 0 });
    expect(Number((await ds.query(`SELECT count(*) AS n FROM outbox`))[0].n)).toBe(2);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM processed_events`))[0].n)).toBe(1);
  });
});
