import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createTestDatabase } from '../testing/test-env';
import { beginWith, commitWith, literal } from './merged-transaction';
import { preparingClient, StatementNames } from './prepared-statements';

@Entity('merged_things')
class MergedThing {
  @PrimaryColumn({ length: 40 }) id!: string;
  @Column({ type: 'text' }) note!: string;
}

/**
 * BEGIN with the first statement, COMMIT with the last, on the real PostgreSQL through TypeORM's runner:
 * values inlined into the text (a plain pg client), and as `EXECUTE` arguments of prepared statements.
 */
describe.each([
  ['values inlined', () => ({})],
  ['prepared statements', () => ({ Client: preparingClient(new StatementNames(50)) })],
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
});
