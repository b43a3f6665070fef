import { Client } from 'pg';
import { Column, DataSource, Entity, PrimaryColumn, QueryFailedError } from 'typeorm';
import { createTestDatabase } from '../testing/test-env';
import { beginWith, commitWith, deferToCommit, literal, runInTransaction } from './merged-transaction';
import { runUnflushed } from './unflushed-statement';
import { preparingClient, StatementNames } from './prepared-statements';
import { countingClient, SentCounter } from '../testing/counting-client';

@Entity('merged_things')
class MergedThing {
  @PrimaryColumn({ length: 40 }) id!: string;
  @Column({ type: 'text' }) note!: string;
}

/**
 * BEGIN with the first statement, COMMIT with the last, on the real PostgreSQL through TypeORM's runner:
 * values inlined into the text (a plain pg client), and as `EXECUTE` arguments of prepared statements.
 */
/** Messages sent to PostgreSQL (each a round trip), by every connection of the pool. */
const counter: SentCounter = { sent: 0 };

describe.each([
  ['values inlined', () => ({ Client: countingClient(Client, counter) })],
  [
    'prepared statements',
    () => ({ Client: countingClient(preparingClient(new StatementNames(50)), counter) }),
  ],
])('merged BEGIN / COMMIT (real PostgreSQL, %s)', (mode, extra) => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(`it_merged_tx_${mode === 'values inlined' ? 'inl' : 'prep'}`);
    ds = new DataSource({ type: 'postgres', url: db.url, entities: [MergedThing], extra: extra() });
    await ds.initialize();
    await ds.query('CREATE TABLE merged_things (id varchar(40) PRIMARY KEY, note text NOT NULL)');
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  beforeEach(() => ds.query('TRUNCATE merged_things'));

  const count = async () => Number((await ds.query('SELECT count(*) AS n FROM merged_things'))[0].n);

  it('commits the first statement, TypeORM work in between and the last statement together', async () => {
    const runner = ds.createQueryRunner();
    try {
      const rows = await beginWith<{ id: string }>(
        runner,
        'INSERT INTO merged_things (id, note) VALUES ($1, $2) RETURNING id',
        ['a', "it's $2 \\ 'quoted'"],
      );
      expect(rows).toEqual([{ id: 'a' }]);
      expect(runner.isTransactionActive).toBe(true);
      // A save inside joins the open transaction (TypeORM does not open its own).
      await runner.manager.save(MergedThing, { id: 'b', note: 'saved' });
      // Not visible outside before the commit.
      expect(await count()).toBe(0);
      await commitWith(runner, 'INSERT INTO merged_things (id, note) VALUES ($1, $2)', ['c', 'last']);
      expect(runner.isTransactionActive).toBe(false);
    } finally {
      await runner.release();
    }
    const rows = await ds.query('SELECT id, note FROM merged_things ORDER BY id');
    expect(rows).toEqual([
      { id: 'a', note: "it's $2 \\ 'quoted'" },
      { id: 'b', note: 'saved' },
      { id: 'c', note: 'last' },
    ]);
  });

  it('a failing last statement leaves the transaction open to roll back: nothing of it is written', async () => {
    const runner = ds.createQueryRunner();
    try {
      await beginWith(runner, 'INSERT INTO merged_things (id, note) VALUES ($1, $2)', ['a', 'first']);
      await runner.manager.save(MergedThing, { id: 'b', note: 'saved' });
      await expect(
        commitWith(runner, 'INSERT INTO merged_things (id, note) VALUES ($1, $2)', ['a', 'duplicate key']),
      ).rejects.toThrow(/duplicate key/);
      expect(runner.isTransactionActive).toBe(true);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    expect(await count()).toBe(0);
  });

  it('a failing first statement rolls back, and the pooled connection is clean for the next user', async () => {
    const runner = ds.createQueryRunner();
    try {
      await expect(beginWith(runner, 'SELECT 1 / $1 AS x', [0])).rejects.toThrow(/division by zero/);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    // Every pooled connection answers outside any transaction.
    const states = await Promise.all(
      Array.from({ length: 5 }, () => ds.query('SELECT now() = statement_timestamp() AS outside')),
    );
    for (const s of states) expect(s[0].outside).toBe(true);
  });

  it('inlines only strings, safe integers and NULL', () => {
    const client = { escapeLiteral: (s: string) => `'${s.replace(/'/g, "''")}'` };
    expect(literal(client, null)).toBe('NULL');
    expect(literal(client, 7_302_400_001)).toBe('7302400001');
    expect(literal(client, "o'k")).toBe("'o''k'");
    expect(() => literal(client, 1.5)).toThrow(/integer/);
    expect(() => literal(client, Number.MAX_SAFE_INTEGER + 2)).toThrow(/integer/);
  });

  it('refuses to begin twice or to commit without a transaction of its own', async () => {
    const runner = ds.createQueryRunner();
    try {
      await expect(commitWith(runner, 'SELECT 1')).rejects.toThrow(/no top-level transaction/);
      await beginWith(runner, 'SELECT 1');
      await expect(beginWith(runner, 'SELECT 1')).rejects.toThrow(/already open/);
      await commitWith(runner, 'SELECT $1::int', [1]);
      // A statement with a placeholder but no value is refused before anything is sent.
      await expect(beginWith(runner, 'SELECT $2', [1])).rejects.toThrow(/no value for \$2/);
      expect(runner.isTransactionActive).toBe(false);
    } finally {
      await runner.release();
    }
  });

  it('runs a statement again on the same connection with fresh values (prepared once per connection)', async () => {
    const runner = ds.createQueryRunner();
    try {
      for (const id of ['p', 'q']) {
        await beginWith(runner, 'INSERT INTO merged_things (id, note) VALUES ($1, $2)', [id, `note ${id}`]);
        await commitWith(runner, 'UPDATE merged_things SET note = note || $2 WHERE id = $1', [id, '!']);
      }
      const prepared: Array<{ statement: string }> = await runner.query(
        // SQL PREPAREs (names m…), not the protocol's named statements of TypeORM's own calls (s…).
        `SELECT statement FROM pg_prepared_statements WHERE name LIKE 'm%' AND statement LIKE '%merged_things%'`,
      );
      expect(prepared.length).toBe(mode === 'prepared statements' ? 2 : 0);
    } finally {
      await runner.release();
    }
    expect(await ds.query('SELECT id, note FROM merged_things ORDER BY id')).toEqual([
      { id: 'p', note: 'note p!' },
      { id: 'q', note: 'note q!' },
    ]);
  });

  it('runUnflushed: one statement committed at once without its WAL flush, in one round trip', async () => {
    const sent = counter.sent;
    const rows = await runUnflushed<{ id: string; sync: string }>(
      ds,
      `INSERT INTO merged_things (id, note) VALUES ($1, $2) RETURNING id, current_setting('synchronous_commit') AS sync`,
      ['u1', "it's"],
    );
    // (plus a PREPARE the first time a connection meets the statement)
    expect(counter.sent - sent).toBeLessThanOrEqual(mode === 'values inlined' ? 1 : 2);
    expect(rows).toEqual([{ id: 'u1', sync: 'off' }]);
    expect(await count()).toBe(1);
    // SET LOCAL ended with the transaction: the pooled connections commit synchronously again.
    const after = await Promise.all(
      Array.from({ length: 5 }, () => ds.query(`SELECT current_setting('synchronous_commit') AS sync`)),
    );
    expect(after.map((r) => r[0].sync)).toEqual(Array(5).fill('on'));
  });

  it('runUnflushed: a failing statement writes nothing and leaves no pooled connection in a transaction', async () => {
    await expect(
      runUnflushed(ds, 'INSERT INTO merged_things (id, note) VALUES ($1, ($2::int / 0)::text)', ['u2', 1]),
    ).rejects.toBeInstanceOf(QueryFailedError);
    expect(await count()).toBe(0);
    const states = await Promise.all(
      Array.from({ length: 5 }, () => ds.query('SELECT now() = statement_timestamp() AS outside')),
    );
    for (const st of states) expect(st[0].outside).toBe(true);
  });

  describe('runInTransaction', () => {
    const insert = 'INSERT INTO merged_things (id, note) VALUES ($1, $2)';

    it('sends BEGIN with the first statement and the held-back statements with the COMMIT', async () => {
      // Twice: the first run prepares the statements on its connection (prepared mode).
      for (const id of ['a', 'b']) {
        counter.sent = 0;
        const answer = await runInTransaction(ds, async (em) => {
          const rows = await em.query<Array<{ id: string }>>(`${insert} RETURNING id`, [id, 'first']);
          expect(deferToCommit(em, insert, [`${id}2`, "held back: it's"])).toBe(true);
          expect(deferToCommit(em, insert, [`${id}3`, 'held back too'])).toBe(true);
          return rows[0].id;
        });
        expect(answer).toBe(id);
        if (id === 'b') expect(counter.sent).toBe(2);
      }
      expect(await ds.query('SELECT id, note FROM merged_things ORDER BY id')).toEqual([
        { id: 'a', note: 'first' },
        { id: 'a2', note: "held back: it's" },
        { id: 'a3', note: 'held back too' },
        { id: 'b', note: 'first' },
        { id: 'b2', note: "held back: it's" },
        { id: 'b3', note: 'held back too' },
      ]);
    });

    it('queries the work runs at the same time all run inside the transaction', async () => {
      await expect(
        runInTransaction(ds, async (em) => {
          await Promise.all([
            em.query(insert, ['a', 'first']),
            em.query(insert, ['b', 'second']),
            em.save(MergedThing, { id: 'c', note: 'third' }),
          ]);
          expect(await em.query('SELECT count(*)::int AS n FROM merged_things')).toEqual([{ n: 3 }]);
          throw new Error('undo all three');
        }),
      ).rejects.toThrow('undo all three');
      expect(await count()).toBe(0);
    });

    it('is one transaction: nothing is visible outside before the commit', async () => {
      await runInTransaction(ds, async (em) => {
        await em.query(insert, ['a', 'first']);
        await em.save(MergedThing, { id: 'b', note: 'saved' });
        deferToCommit(em, insert, ['c', 'held back']);
        expect(await count()).toBe(0);
      });
      expect(await count()).toBe(3);
    });

    it('a failing held-back statement fails the commit: nothing of the transaction is written', async () => {
      await expect(
        runInTransaction(ds, async (em) => {
          await em.query(insert, ['a', 'first']);
          deferToCommit(em, insert, ['a', 'duplicate key']);
        }),
      ).rejects.toThrow(/duplicate key/);
      expect(await count()).toBe(0);
    });

    it('held-back statements alone whose commit fails are rolled back, and the pool stays clean', async () => {
      await ds.query(insert, ['x', 'there']);
      await expect(
        runInTransaction(ds, (em) => {
          deferToCommit(em, insert, ['y', 'held back']);
          deferToCommit(em, insert, ['x', 'duplicate key']);
          return Promise.resolve();
        }),
      ).rejects.toThrow(/duplicate key/);
      expect(await ds.query('SELECT id FROM merged_things ORDER BY id')).toEqual([{ id: 'x' }]);
      // The connection just released first (the pool hands out the last one back), then all of them.
      expect((await ds.query('SELECT now() = statement_timestamp() AS outside'))[0].outside).toBe(true);
      const states = await Promise.all(
        Array.from({ length: 5 }, () => ds.query('SELECT now() = statement_timestamp() AS outside')),
      );
      for (const st of states) expect(st[0].outside).toBe(true);
    });

    it('work that throws rolls back what was sent and drops what was held back', async () => {
      await expect(
        runInTransaction(ds, async (em) => {
          await em.query(insert, ['a', 'first']);
          deferToCommit(em, insert, ['b', 'held back']);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await count()).toBe(0);
    });

    it('a failing first statement is a QueryFailedError, rolled back, and the pool stays clean', async () => {
      const failed = runInTransaction(ds, (em) => em.query('SELECT 1 / $1::int AS x', [0]));
      await expect(failed).rejects.toBeInstanceOf(QueryFailedError);
      await expect(failed).rejects.toThrow(/division by zero/);
      const states = await Promise.all(
        Array.from({ length: 5 }, () => ds.query('SELECT now() = statement_timestamp() AS outside')),
      );
      for (const st of states) expect(st[0].outside).toBe(true);
    });

    it('answers the first statement as TypeORM would (UPDATE with its count; dates and arrays as pg sends them)', async () => {
      await ds.query(insert, ['u', 'before']);
      const at = new Date('2026-11-27T08:09:10.123Z');
      const viaTypeOrm = await ds.query('UPDATE merged_things SET note = $1 WHERE id = $2 RETURNING id', [
        'x',
        'u',
      ]);
      const merged = await runInTransaction(ds, (em) =>
        em.query('UPDATE merged_things SET note = $1 WHERE id = $2 RETURNING id', ['y', 'u']),
      );
      expect(merged).toEqual(viaTypeOrm);
      expect(merged).toEqual([[{ id: 'u' }], 1]);
      const typed =
        'SELECT $1::timestamptz AS at, $2::text[] AS list, $3::int AS n, $4::boolean AS b, $5::jsonb AS j';
      const params = [at, ['a', "b'c"], 7, true, JSON.stringify({ k: '中文' })];
      expect(await runInTransaction(ds, (em) => em.query(typed, params))).toEqual(
        await ds.query(typed, params),
      );
    });

    it('a first query with a binary value, or one TypeORM wants structured, gets its own BEGIN', async () => {
      await runInTransaction(ds, async (em) => {
        const rows = await em.query<Array<{ n: number }>>('SELECT length($1::bytea) AS n', [
          Buffer.from('abc'),
        ]);
        expect(rows[0].n).toBe(3);
        expect(await em.query('SELECT now() = statement_timestamp() AS outside')).toEqual([
          { outside: false },
        ]);
      });
      await runInTransaction(ds, async (em) => {
        await em.save(MergedThing, { id: 's', note: 'saved first' });
        deferToCommit(em, insert, ['t', 'held back']);
      });
      expect(await count()).toBe(2);
    });

    it('holds nothing back inside a savepoint (its rollback must undo it) and sends nothing for an empty transaction', async () => {
      await runInTransaction(ds, async (em) => {
        await em.transaction((inner) => {
          expect(deferToCommit(inner, insert, ['n', 'nested'])).toBe(false);
          return inner.query('SELECT 1');
        });
        expect(deferToCommit(em, insert, ['o', 'outer'])).toBe(true);
      });
      expect(await ds.query('SELECT id FROM merged_things')).toEqual([{ id: 'o' }]);
      // Outside a transaction of runInTransaction (or the inbox) nothing is held back either.
      await ds.transaction((em) => {
        expect(deferToCommit(em, insert, ['p', 'x'])).toBe(false);
        return em.query('SELECT 1');
      });
      counter.sent = 0;
      expect(await runInTransaction(ds, () => Promise.resolve(42))).toBe(42);
      expect(counter.sent).toBe(0);
    });
  });
});
