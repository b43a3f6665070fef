import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { TOPICS } from '../contracts/topics';
import { MESSAGING_MIGRATIONS } from '../database/database.module';
import { deferToCommit } from '../database/merged-transaction';
import { preparingClient, StatementNames } from '../database/prepared-statements';
import { countingClient, SentCounter } from '../testing/counting-client';
import { createTestDatabase } from '../testing/test-env';
import type { InboundEvent } from './inbound-event';
import { InboxService } from './inbox.service';
import type { OutboxRelay } from './outbox-relay';

const topic = TOPICS.APPLICATION_NOT_ACCEPTED;
type Event = InboundEvent<typeof topic>;
const event = (id: string = randomUUID()): Event => ({ id, topic }) as unknown as Event;

/**
 * The inbox on the real PostgreSQL: the claim (processed_events row) rides with the COMMIT, so handling an
 * event costs no round trip of its own; a redelivered event — already handled, handled twice at once, or
 * twice in one batch — is applied once, also when its handler refuses the state its first delivery left.
 */
describe.each([
  ['values inlined', (c: SentCounter) => countingClient(Client, c)],
  ['prepared statements', (c: SentCounter) => countingClient(preparingClient(new StatementNames(50)), c)],
])('inbox (real PostgreSQL, %s)', (mode, clientOf) => {
  const counter: SentCounter = { sent: 0 };
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  let inbox: InboxService;
  let pokes = 0;

  beforeAll(async () => {
    db = await createTestDatabase(`it_inbox_${mode === 'values inlined' ? 'inl' : 'prep'}`);
    ds = new DataSource({
      type: 'postgres',
      url: db.url,
      migrations: MESSAGING_MIGRATIONS,
      extra: { Client: clientOf(counter) },
    });
    await ds.initialize();
    await ds.runMigrations();
    await ds.query(`CREATE TABLE effects (id serial PRIMARY KEY, label text NOT NULL)`);
    await ds.query(`CREATE TABLE states (label text PRIMARY KEY, done boolean NOT NULL)`);
    const relay = { poke: () => void pokes++ } as unknown as OutboxRelay;
    inbox = new InboxService(ds, relay, 'inbox-test');
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const effects = async (label: string) =>
    ds.query<Array<{ label: string; tx: string }>>(
      `SELECT label, xmin::text AS tx FROM effects WHERE label LIKE $1 ORDER BY id`,
      [`${label}%`],
    );
  const claims = async (ids: string[]) =>
    Number(
      (
        await ds.query<Array<{ n: string }>>(
          `SELECT count(*) AS n FROM processed_events WHERE event_id = ANY($1)`,
          [ids],
        )
      )[0].n,
    );
  const insertEffect = (label: string) => async (em: EntityManager) => {
    await em.query(`INSERT INTO effects (label) VALUES ($1)`, [label]);
  };
  /** A handler that refuses a repeat, as domain handlers do (the state its first run left is final). */
  const finishOnce = (label: string) => async (em: EntityManager) => {
    const rows = await em.query<unknown[]>(
      `INSERT INTO states (label, done) VALUES ($1, true) ON CONFLICT DO NOTHING RETURNING label`,
      [label],
    );
    if (rows.length === 0) throw new Error(`${label} is done already`);
    await em.query(`INSERT INTO effects (label) VALUES ($1)`, [label]);
  };

  it('costs the handler its own statements only: BEGIN with the first, the claim with the COMMIT', async () => {
    // Twice: the first handling prepares the statements on its connection (prepared mode).
    for (const label of ['rt-a', 'rt-b']) {
      const e = event();
      counter.sent = 0;
      expect(await inbox.handleOnce(e, insertEffect(label))).toBe(true);
      if (label === 'rt-b') expect(counter.sent).toBe(2);
      expect(await claims([e.id])).toBe(1);
    }
    // A handler whose writes are all held back for the commit (outbox rows): one round trip in all.
    const e = event();
    counter.sent = 0;
    expect(
      await inbox.handleOnce(e, (em) => {
        expect(deferToCommit(em, `INSERT INTO effects (label) VALUES ($1)`, ['rt-c'])).toBe(true);
        return Promise.resolve();
      }),
    ).toBe(true);
    expect(counter.sent).toBe(1);
    expect((await effects('rt-')).map((r) => r.label)).toEqual(['rt-a', 'rt-b', 'rt-c']);
  });

  it('a redelivered event is skipped: its handling is rolled back and it is not applied again', async () => {
    const e = event();
    expect(await inbox.handleOnce(e, insertEffect('re-1'))).toBe(true);
    expect(await inbox.handleOnce(e, insertEffect('re-1'))).toBe(false);
    // Also when the handler refuses the state the first delivery left (it would have been dead-lettered).
    const f = event();
    expect(await inbox.handleOnce(f, finishOnce('re-2'))).toBe(true);
    expect(await inbox.handleOnce(f, finishOnce('re-2'))).toBe(false);
    expect((await effects('re-')).map((r) => r.label)).toEqual(['re-1', 're-2']);
    expect(await claims([e.id, f.id])).toBe(2);
    // Another consumer of the same event has a claim of its own.
    expect(await inbox.handleOnce(e, insertEffect('re-3'), 'inbox-test.other')).toBe(true);
    expect(await claims([e.id])).toBe(2);
  });

  it('the same event delivered twice at the same time is applied once', async () => {
    const e = event();
    const slow = async (em: EntityManager) => {
      await em.query(`SELECT pg_sleep(0.05)`);
      await insertEffect('twin')(em);
    };
    const results = await Promise.all([inbox.handleOnce(e, slow), inbox.handleOnce(e, slow)]);
    expect(results.sort()).toEqual([false, true]);
    expect(await effects('twin')).toHaveLength(1);
    expect(await claims([e.id])).toBe(1);
  });

  it('a handler that fails leaves nothing behind, no claim either, so the event is retried', async () => {
    const e = event();
    let runs = 0;
    await expect(
      inbox.handleOnce(e, async (em) => {
        runs++;
        await insertEffect('fail')(em);
        throw new Error('the handler fails');
      }),
    ).rejects.toThrow('the handler fails');
    expect(runs).toBe(2); // once claiming at the commit, once claiming first
    expect(await effects('fail')).toEqual([]);
    expect(await claims([e.id])).toBe(0);
    expect(await inbox.handleOnce(e, insertEffect('fail-then-ok'))).toBe(true);
    expect(await effects('fail-then-ok')).toHaveLength(1);
  });

  describe('in a batch (inBatch)', () => {
    const inGroup = (work: Array<() => Promise<unknown>>) => Promise.all(work.map((w) => inbox.inBatch(w)));

    it('one transaction for the group, its claims with the COMMIT', async () => {
      const events = [event(), event(), event()];
      // Twice: the first group prepares the statements on its connection (prepared mode).
      for (const round of ['g1', 'g2']) {
        const group = round === 'g1' ? events : [event(), event(), event()];
        counter.sent = 0;
        const done = await inGroup(
          group.map((e, i) => () => inbox.handleOnce(e, insertEffect(`${round}-${i}`))),
        );
        expect(done).toEqual([true, true, true]);
        // The three handlers' inserts (the first with BEGIN) and the COMMIT with the claims.
        if (round === 'g2') expect(counter.sent).toBe(4);
        const rows = await effects(`${round}-`);
        expect(rows).toHaveLength(3);
        expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
        expect(await claims(group.map((e) => e.id))).toBe(3);
      }
    });

    it('a redelivered event in the group: rolled back, the group again claiming first, each applied once', async () => {
      const seen = event();
      expect(await inbox.handleOnce(seen, finishOnce('rg-seen'))).toBe(true);
      const fresh = [event(), event()];
      const runs: string[] = [];
      const member = (e: Event, label: string, work: (em: EntityManager) => Promise<void>) => () =>
        inbox.handleOnce(e, async (em) => {
          runs.push(label);
          await work(em);
        });
      const done = await inGroup([
        member(fresh[0], 'rg-0', insertEffect('rg-0')),
        member(seen, 'rg-seen', insertEffect('rg-seen-again')),
        member(fresh[1], 'rg-1', insertEffect('rg-1')),
      ]);
      expect(done).toEqual([true, false, true]);
      // First run: all three, rolled back at the commit; second: the repeat skipped before its handler.
      expect(runs).toEqual(['rg-0', 'rg-seen', 'rg-1', 'rg-0', 'rg-1']);
      const rows = await effects('rg-');
      expect(rows.map((r) => r.label)).toEqual(['rg-seen', 'rg-0', 'rg-1']);
      expect(rows[1].tx).toBe(rows[2].tx);
      expect(await claims([seen.id, ...fresh.map((e) => e.id)])).toBe(3);
    });

    it('a repeat whose handler throws, or the same event twice in a group, is applied once', async () => {
      const seen = event();
      expect(await inbox.handleOnce(seen, finishOnce('rt2-seen'))).toBe(true);
      const twice = event();
      const done = await inGroup([
        () => inbox.handleOnce(seen, finishOnce('rt2-seen')),
        () => inbox.handleOnce(twice, insertEffect('rt2-twice')),
        () => inbox.handleOnce(twice, insertEffect('rt2-twice')),
      ]);
      expect(done).toEqual([false, true, false]);
      expect((await effects('rt2-')).map((r) => r.label)).toEqual(['rt2-seen', 'rt2-twice']);
    });

    it('a handler that fails in both runs rolls the whole group back, and every member gets the error', async () => {
      const group = [event(), event()];
      const outcome = await Promise.all([
        inbox.inBatch(() => inbox.handleOnce(group[0], insertEffect('gf-0'))).catch((e: Error) => e.message),
        inbox
          .inBatch(() => inbox.handleOnce(group[1], () => Promise.reject(new Error('always fails'))))
          .catch((e: Error) => e.message),
      ]);
      expect(outcome).toEqual(['always fails', 'always fails']);
      expect(await effects('gf-')).toEqual([]);
      expect(await claims(group.map((e) => e.id))).toBe(0);
    });
  });
});
