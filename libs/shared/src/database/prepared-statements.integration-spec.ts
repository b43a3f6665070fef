import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createTestDatabase } from '../testing/test-env';
import { preparingClient, StatementNames } from './prepared-statements';

@Entity('prepared_things')
class PreparedThing {
  @PrimaryColumn({ length: 40 }) id!: string;
  @Column({ type: 'int' }) n!: number;
}

/** Named prepared statements through TypeORM's pool, on the real PostgreSQL. */
describe('prepared statements (real PostgreSQL)', () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  let names: StatementNames;

  beforeAll(async () => {
    db = await createTestDatabase('it_prepared');
    names = new StatementNames(100);
    ds = new DataSource({
      type: 'postgres',
      url: db.url,
      entities: [PreparedThing],
      extra: { max: 2, Client: preparingClient(names) },
    });
    await ds.initialize();
    await ds.query('CREATE TABLE prepared_things (id varchar(40) PRIMARY KEY, n int NOT NULL)');
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  /** The statements prepared on the runner's own connection (the view is per session). */
  const prepared = async (run: (q: (sql: string, v?: unknown[]) => Promise<unknown>) => Promise<void>) => {
    const runner = ds.createQueryRunner();
    try {
      await run((sql, v) => runner.query(sql, v));
      const rows: Array<{ name: string; statement: string }> = await runner.query(
        'SELECT name, statement FROM pg_prepared_statements ORDER BY name',
      );
      return rows;
    } finally {
      await runner.release();
    }
  };

  it('names a parameterized statement once by its text and runs it again by name, with fresh values', async () => {
    const rows = await prepared(async (q) => {
      await q('INSERT INTO prepared_things (id, n) VALUES ($1, $2)', ['a', 1]);
      await q('INSERT INTO prepared_things (id, n) VALUES ($1, $2)', ['b', 2]);
      expect(await q('SELECT n FROM prepared_things WHERE id = $1', ['b'])).toEqual([{ n: 2 }]);
      expect(await q('SELECT n FROM prepared_things WHERE id = $1', ['a'])).toEqual([{ n: 1 }]);
    });
    const insert = names.nameOf('INSERT INTO prepared_things (id, n) VALUES ($1, $2)');
    const select = names.nameOf('SELECT n FROM prepared_things WHERE id = $1');
    expect(insert).toMatch(/^s\d+$/);
    expect(select).not.toBe(insert);
    expect(rows.map((r) => r.name).sort()).toEqual([insert, select].sort());
    expect(rows.find((r) => r.name === select)?.statement).toBe(
      'SELECT n FROM prepared_things WHERE id = $1',
    );
  });

  it('TypeORM repository calls go through it; statements without parameters are not prepared', async () => {
    const rows = await prepared(async (q) => {
      await q('SELECT count(*) FROM prepared_things');
    });
    expect(rows.some((r) => r.statement.includes('count(*)'))).toBe(false);
    const named = names.size;
    await ds.getRepository(PreparedThing).save({ id: 'c', n: 3 });
    expect(await ds.getRepository(PreparedThing).findOneBy({ id: 'c' })).toEqual({ id: 'c', n: 3 });
    // TypeORM's own statements (its save's select and insert, the findOneBy) were given names.
    expect(names.size).toBeGreaterThanOrEqual(named + 2);
  });

  it('a failing named statement leaves the connection usable, and the same text runs by name afterwards', async () => {
    const sql = 'INSERT INTO prepared_things (id, n) VALUES ($1, $2::int)';
    const rows = await prepared(async (q) => {
      await expect(q(sql, ['d', 'not a number'])).rejects.toThrow(/invalid input syntax/);
      await q(sql, ['d', '4']);
      await expect(q('SELECT nope FROM prepared_things WHERE id = $1', ['d'])).rejects.toThrow(/nope/);
      expect(await q('SELECT n FROM prepared_things WHERE id = $1', ['d'])).toEqual([{ n: 4 }]);
    });
    expect(rows.some((r) => r.statement === sql)).toBe(true);
  });

  it('past its bound, a new text is sent unnamed (the name map and the server cache stay bounded)', async () => {
    const few = new StatementNames(2);
    const small = new DataSource({
      type: 'postgres',
      url: db.url,
      extra: { max: 1, Client: preparingClient(few) },
    });
    await small.initialize();
    try {
      const texts = [1, 2, 3, 4].map((i) => `SELECT $1::int + ${i} AS v`);
      for (const [i, t] of texts.entries()) expect(await small.query(t, [10])).toEqual([{ v: 11 + i }]);
      const rows: Array<{ statement: string }> = await small.query(
        'SELECT statement FROM pg_prepared_statements',
      );
      expect(few.size).toBe(2);
      expect(rows.map((r) => r.statement).sort()).toEqual(texts.slice(0, 2));
    } finally {
      await small.destroy();
    }
  });
});
