import {
  Column,
  CreateDateColumn,
  DataSource,
  Entity,
  EntityManager,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import { createTestDatabase } from '../testing/test-env';
import { insertRow, insertRowAtCommit } from './insert-row';
import { runInTransaction } from './merged-transaction';
import { saveChanges } from './tracked-entity';

@Entity('inserted_things')
class Thing {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'thing_no', length: 20, unique: true }) thingNo!: string;
  @Column({ length: 10, default: 'NEW' }) status!: string;
  @Column({ type: 'jsonb' }) steps!: Array<{ no: number; done: boolean }>;
  @Column({ type: 'text', array: true }) tags!: string[];
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'bytea', nullable: true, select: false }) file!: Buffer | null;
  @Column({
    type: 'varchar',
    length: 20,
    transformer: { to: (v: string) => v.toUpperCase(), from: (v: string) => v.toLowerCase() },
  })
  code!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @VersionColumn() version!: number;
}

@Entity('inserted_serials')
class Serial {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ length: 10 }) label!: string;
}

/** One-statement inserts (`insertRow`) against the real PostgreSQL, compared with what TypeORM writes. */
describe('insertRow (real PostgreSQL)', () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('it_insert_row');
    ds = new DataSource({ type: 'postgres', url: db.url, entities: [Thing, Serial] });
    await ds.initialize();
    await ds.query(`CREATE TABLE inserted_things (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      thing_no varchar(20) NOT NULL UNIQUE,
      status varchar(10) NOT NULL DEFAULT 'NEW',
      steps jsonb NOT NULL,
      tags text[] NOT NULL,
      decided_at timestamptz,
      file bytea,
      code varchar(20) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL)`);
    await ds.query(`CREATE TABLE inserted_serials (id bigserial PRIMARY KEY, label varchar(10) NOT NULL)`);
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  /** Runs `work` in a transaction, recording the statements it sends (BEGIN/COMMIT aside). */
  async function counted<T>(work: (em: EntityManager) => Promise<T>): Promise<{ result: T; sql: string[] }> {
    const sql: string[] = [];
    const result = await ds.transaction(async (em) => {
      const qr = em.queryRunner!;
      const q = qr.query.bind(qr);
      qr.query = ((text: string, params?: unknown[], ...rest: unknown[]) => {
        if (text !== 'COMMIT' && text !== 'START TRANSACTION') sql.push(text);
        return (q as (...a: unknown[]) => Promise<unknown>)(text, params, ...rest);
      }) as typeof qr.query;
      return work(em);
    });
    return { result, sql };
  }

  it('inserts in one statement and answers the row as a load would: defaults, JSON, arrays, transformers', async () => {
    const at = new Date('2026-11-27T08:00:00.000Z');
    const { result: t, sql } = await counted((em) =>
      insertRow(em, Thing, {
        thingNo: 'T-1',
        steps: [{ no: 1, done: false }],
        tags: ['a', 'b c'],
        decidedAt: at,
        file: Buffer.from([0, 1, 2, 255]),
        code: 'abc',
      }),
    );
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/^INSERT INTO "inserted_things" .* RETURNING /);
    expect(t).toBeInstanceOf(Thing);
    expect(t).toMatchObject({
      thingNo: 'T-1',
      status: 'NEW', // the column's DEFAULT
      steps: [{ no: 1, done: false }],
      tags: ['a', 'b c'],
      decidedAt: at,
      code: 'abc', // stored through the transformer, read back through it
      version: 1,
    });
    expect(t!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(t!.createdAt).toBeInstanceOf(Date);
    expect(t!.file).toBeUndefined(); // select: false, as find() answers
    const [raw] = await ds.query<Array<Record<string, unknown>>>(
      `SELECT status, code, file, version, steps FROM inserted_things WHERE thing_no = 'T-1'`,
    );
    expect(raw).toEqual({
      status: 'NEW',
      code: 'ABC',
      file: Buffer.from([0, 1, 2, 255]),
      version: 1,
      steps: [{ no: 1, done: false }],
    });
    // The same row through TypeORM's find is what insertRow answered (less the select: false column).
    expect(await ds.manager.findOneByOrFail(Thing, { thingNo: 'T-1' })).toEqual(t);
  });

  it('answers a tracked entity: a later saveChanges writes only what changed', async () => {
    const { sql } = await counted(async (em) => {
      const t = await insertRow(em, Thing, { thingNo: 'T-2', steps: [], tags: [], code: 'x' });
      t!.status = 'DONE';
      expect(await saveChanges(em, Thing, t!)).toBe(true);
      expect(t!.version).toBe(2);
    });
    expect(sql).toHaveLength(2);
    expect(sql[1]).toMatch(/UPDATE "inserted_things" SET "status" = \$1, "version" = "version" \+ 1 WHERE/);
  });

  it('ifAbsent: an existing unique key answers null and writes nothing; without it the insert fails', async () => {
    await ds.transaction((em) => insertRow(em, Thing, { thingNo: 'T-3', steps: [], tags: [], code: 'x' }));
    const again = await ds.transaction((em) =>
      insertRow(
        em,
        Thing,
        { thingNo: 'T-3', steps: [{ no: 9, done: true }], tags: [], code: 'y' },
        { ifAbsent: true },
      ),
    );
    expect(again).toBeNull();
    await expect(
      ds.transaction((em) => insertRow(em, Thing, { thingNo: 'T-3', steps: [], tags: [], code: 'z' })),
    ).rejects.toMatchObject({ code: '23505' });
    const rows = await ds.query<Array<{ code: string }>>(
      `SELECT code FROM inserted_things WHERE thing_no = 'T-3'`,
    );
    expect(rows).toEqual([{ code: 'X' }]);
  });

  it('reads back a generated serial id, one per row', async () => {
    const a = await ds.transaction((em) => insertRow(em, Serial, { label: 'a' }));
    const b = await ds.transaction((em) => insertRow(em, Serial, { label: 'b' }));
    expect(BigInt(b!.id) - BigInt(a!.id)).toBe(1n);
    expect(b).toEqual(Object.assign(new Serial(), { id: b!.id, label: 'b' }));
  });

  describe('insertRowAtCommit', () => {
    const values = () => ({
      thingNo: 'AC-1',
      steps: [{ no: 1, done: true }],
      tags: ['a', "b'c"],
      decidedAt: new Date('2026-11-27T08:00:00.123Z'),
      code: 'mixed',
    });
    const stored = (em: EntityManager | DataSource = ds) =>
      em.query<Array<Record<string, unknown>>>(
        'SELECT thing_no, status, steps, tags, decided_at, code, version FROM inserted_things WHERE thing_no = $1',
        ['AC-1'],
      );

    beforeEach(() => ds.query('TRUNCATE inserted_things'));

    it('in runInTransaction, writes the row with the COMMIT: as insertRow would, answered as given', async () => {
      const answered = await runInTransaction(ds, async (em) => {
        const t = await insertRowAtCommit(em, Thing, values());
        // Held back: not even this transaction sees it before the commit.
        expect(await stored(em)).toEqual([]);
        return t;
      });
      expect(answered).toBeInstanceOf(Thing);
      expect(answered).toMatchObject({ thingNo: 'AC-1', code: 'mixed', tags: ['a', "b'c"] });
      expect(answered.id).toBeUndefined();
      const [row] = await stored();
      await ds.query('DELETE FROM inserted_things');
      await ds.transaction((em) => insertRow(em, Thing, values()));
      expect(await stored()).toEqual([row]);
      expect(row).toMatchObject({ status: 'NEW', code: 'MIXED', version: 1, steps: [{ no: 1, done: true }] });
    });

    it('elsewhere, and for a binary value, inserts at once', async () => {
      await ds.transaction(async (em) => {
        await insertRowAtCommit(em, Thing, values());
        expect(await stored(em)).toHaveLength(1);
      });
      await ds.query('TRUNCATE inserted_things');
      await runInTransaction(ds, async (em) => {
        await insertRowAtCommit(em, Thing, { ...values(), file: Buffer.from([0, 1, 2]) });
        expect(await stored(em)).toHaveLength(1);
      });
      expect(await ds.query('SELECT file FROM inserted_things')).toEqual([{ file: Buffer.from([0, 1, 2]) }]);
    });

    it('a row the database refuses fails the commit, and the whole transaction rolls back', async () => {
      await ds.transaction((em) => insertRow(em, Thing, values()));
      await expect(
        runInTransaction(ds, async (em) => {
          await insertRow(em, Thing, { ...values(), thingNo: 'AC-2' });
          await insertRowAtCommit(em, Thing, values());
        }),
      ).rejects.toThrow(/duplicate key/);
      expect(await ds.query('SELECT thing_no FROM inserted_things')).toEqual([{ thing_no: 'AC-1' }]);
    });
  });
});
