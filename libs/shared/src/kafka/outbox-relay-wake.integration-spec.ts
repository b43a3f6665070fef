import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TOPICS } from '../contracts/topics';
import { EventCollector } from '../testing/event-collector';
import { notAcceptedPayload, RelayTestKit, relayTestKit } from '../testing/messaging-fixtures';
import { waitFor } from '../testing/wait-for';
import { InboxService } from './inbox.service';
import { InboundEvent } from './inbound-event';
import { OutboxRelay, RELAY_LOCK_KEY } from './outbox-relay';
import { OutboxService } from './outbox.service';

/** When the outbox relay runs and who may: its lock across replicas, and the wake-ups after commits. */
describe('outbox relay: lock and wake-ups (real PostgreSQL + Kafka)', () => {
  let kit: RelayTestKit;
  let ds: DataSource;
  let relay: OutboxRelay;
  let collector: EventCollector;
  const outbox = new OutboxService('outbox-test');
  const payload = notAcceptedPayload;
  const caseNo = () => `330100${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(0, 20);

  beforeAll(async () => {
    kit = await relayTestKit('it_outbox_wake');
    ({ relay, collector } = kit);
    ds = kit.db.ds;
  });

  afterAll(() => kit.close());

  it('one relay per database at a time: while another holds the relay lock, a round publishes nothing', async () => {
    const k = caseNo();
    await ds.transaction((em) => outbox.add(em, TOPICS.APPLICATION_NOT_ACCEPTED, k, payload(k)));
    const other = ds.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query('SELECT pg_advisory_xact_lock($1)', [RELAY_LOCK_KEY]);
      expect(await relay.relayOnce(true)).toBe(0);
      expect(await relay.relayOnce()).toBe(0);
      const [{ n }] = await ds.query<Array<{ n: string }>>(
        `SELECT count(*) AS n FROM outbox WHERE message_key = $1 AND published_at IS NULL`,
        [k],
      );
      expect(Number(n)).toBe(1);
    } finally {
      await other.rollbackTransaction();
      await other.release();
    }
    expect(await relay.relayOnce(true)).toBe(1);
    await waitFor(() => collector.find(TOPICS.APPLICATION_NOT_ACCEPTED, (m) => m.key === k)[0], {
      description: 'the event once the lock is free',
    });
  });

  it('the inbox wakes the relay only after a handler that wrote an event, and the event is published', async () => {
    const inbox = new InboxService(ds, relay, 'outbox-test');
    const poke = jest.spyOn(relay, 'poke');
    const ev = (id: string) =>
      ({ id, topic: TOPICS.APPLICATION_NOT_ACCEPTED, payload: {} }) as unknown as InboundEvent<
        typeof TOPICS.APPLICATION_NOT_ACCEPTED
      >;
    try {
      const k = caseNo();
      // Nothing written: no wake-up (most consumed events publish nothing).
      expect(await inbox.handleOnce(ev(randomUUID()), () => Promise.resolve())).toBe(true);
      expect(poke).not.toHaveBeenCalled();
      // An event written in the handler's transaction: one wake-up after the commit, and it is published.
      const writes = ev(randomUUID());
      await inbox.handleOnce(writes, async (em) => {
        await outbox.add(em, TOPICS.APPLICATION_NOT_ACCEPTED, k, payload(k));
      });
      expect(poke).toHaveBeenCalledTimes(1);
      // The same event again is a duplicate: nothing runs, nothing wakes.
      expect(await inbox.handleOnce(writes, () => Promise.reject(new Error('must not run')))).toBe(false);
      expect(poke).toHaveBeenCalledTimes(1);
      // A handler that wrote, then failed: rolled back, no wake-up.
      await expect(
        inbox.handleOnce(ev(randomUUID()), async (em) => {
          await outbox.add(em, TOPICS.APPLICATION_NOT_ACCEPTED, k, payload(k));
          throw new Error('handler failed');
        }),
      ).rejects.toThrow('handler failed');
      expect(poke).toHaveBeenCalledTimes(1);
      expect(await relay.relayOnce()).toBe(1);
      await waitFor(() => collector.find(TOPICS.APPLICATION_NOT_ACCEPTED, (m) => m.key === k)[0], {
        description: 'the handler’s event on Kafka',
      });
    } finally {
      poke.mockRestore();
    }
  });

  it('OUTBOX_GATHER_MS: rows committed soon after a round go out together, in order; after a quiet spell at once', async () => {
    const k = caseNo();
    const rounds = jest.spyOn(relay, 'relayOnce');
    const gather = kit.config.OUTBOX_GATHER_MS;
    kit.config.OUTBOX_GATHER_MS = 400;
    kit.config.OUTBOX_POLL_MS = 10_000; // only the pokes wake it
    relay.start();
    try {
      await new Promise((r) => setTimeout(r, 100)); // the relay's first round is over: it sleeps
      rounds.mockClear();
      for (let i = 0; i < 3; i++) {
        await ds.transaction((em) => outbox.add(em, TOPICS.APPLICATION_NOT_ACCEPTED, k, payload(k)));
        relay.poke();
        await new Promise((r) => setTimeout(r, 40));
      }
      const sent = await waitFor(
        () => {
          const m = collector.find(TOPICS.APPLICATION_NOT_ACCEPTED, (x) => x.key === k);
          return m.length === 3 ? m : undefined;
        },
        { description: 'the three events' },
      );
      expect(sent.map((m) => m.headers.ce_id)).toEqual(
        (
          await ds.query<Array<{ event_id: string }>>(
            'SELECT event_id FROM outbox WHERE message_key = $1 ORDER BY id',
            [k],
          )
        ).map((r) => r.event_id),
      );
      const published = await ds.query<Array<{ at: Date }>>(
        'SELECT DISTINCT published_at AS at FROM outbox WHERE message_key = $1',
        [k],
      );
      expect(published).toHaveLength(1); // one relay transaction for the three rows
      expect(rounds.mock.calls.length).toBeLessThanOrEqual(2);
      // A commit after a quiet spell (longer than the interval) does not wait for it.
      await new Promise((r) => setTimeout(r, 500));
      const quiet = caseNo();
      await ds.transaction((em) => outbox.add(em, TOPICS.APPLICATION_NOT_ACCEPTED, quiet, payload(quiet)));
      relay.poke();
      await waitFor(() => collector.find(TOPICS.APPLICATION_NOT_ACCEPTED, (x) => x.key === quiet)[0], {
        description: 'the event after the quiet spell',
      });
      const [{ waited }] = await ds.query<Array<{ waited: number }>>(
        `SELECT extract(epoch FROM published_at - created_at) * 1000 AS waited FROM outbox WHERE message_key = $1`,
        [quiet],
      );
      expect(Number(waited)).toBeLessThan(250);
    } finally {
      await relay.stop();
      kit.config.OUTBOX_GATHER_MS = gather;
      kit.config.OUTBOX_POLL_MS = 50;
      rounds.mockRestore();
    }
  });
});
