import { Client } from 'pg';
import { Column, DataSource, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { createTestDatabase } from '../testing/test-env';
import { waitFor } from '../testing/wait-for';
import {
  lockTracked,
  readFirstWhere,
  readManyBy,
  readOneBy,
  readOneWith,
  saveChanges,
  track,
} from './tracked-entity';

@Entity('tracked_things')
class Thing {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'thing_no', length: 20, unique: true }) thingNo!: string;
  @Column({ length: 10 }) status!: string;
  @Column({ type: 'jsonb' }) steps!: Array<{ no: number; done: boolean }>;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', nullable: true, select: false }) secret!: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @VersionColumn() version!: number;
}

/** One-statement saves of tracked aggregates against the real PostgreSQL. */
describe('tracked entity saves (real PostgreSQL)', () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  let listener: Client;
  const notified: string[] = [];
  const statements: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('it_tracked');
    ds = new DataSource({ type: 'postgres', url: db.url, entities: [Thing] });
    await ds.initialize();
    await ds.query(`CREATE TABLE tracked_things (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      thing_no varchar(20) NOT NULL UNIQUE,
      status varchar(10) NOT NULL,
      steps jsonb NOT NULL,
      due_date date,
      decided_at timestamptz,
      secret text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL)`);
    listener = new Client({ connectionString: db.url });
    await listener.connect();
    listener.on('notification', (n) => notified.push(n.payload ?? ''));
    await listener.query('LISTEN thing_changed');
  });

  afterAll(async () => {
    await listener.end();
    await ds.destroy();
    await db.drop();
  });

  /** Runs `work` in a transaction, recording the statements it sends (BEGIN/COMMIT aside). */
  async function counted<T>(work: (em: import('typeorm').EntityManager) => Promise<T>): Promise<T> {
    return ds.transaction(async (em) => {
      const qr = em.queryRunner!;
      const q = qr.query.bind(qr);
      qr.query = ((sql: string, params?: unknown[], ...rest: unknown[]) => {
        statements.push(sql);
        return (q as (...a: unknown[]) => Promise<unknown>)(sql, params, ...rest);
      }) as typeof qr.query;
      return work(em);
    });
  }

  const load = (em: import('typeorm').EntityManager, thingNo: string) =>
    em.findOneOrFail(Thing, { where: { thingNo }, lock: { mode: 'pessimistic_write' } });

  it('writes only the changed columns in one UPDATE, bumps the version, sets updated_at and notifies', async () => {
    const created = await ds.transaction((em) =>
      saveChanges(
        em,
        Thing,
        Object.assign(new Thing(), {
          thingNo: 'T1',
          status: 'OPEN',
          steps: [{ no: 1, done: false }],
          dueDate: null,
          decidedAt: null,
        }),
        {
          notify: { channel: 'thing_changed', payload: 'T1' },
        },
      ),
    );
    expect(created).toBe(true);
    await waitFor(() => notified.includes('T1') || undefined, { description: 'the insert notification' });
    const before = await ds.getRepository(Thing).findOneByOrFail({ thingNo: 'T1' });
    notified.length = 0;
    statements.length = 0;

    const saved = await counted(async (em) => {
      const t = track(em, Thing, await load(em, 'T1'));
      t.status = 'DONE';
      t.steps[0].done = true; // mutated in place: still seen as a change
      t.decidedAt = new Date('2026-11-26T06:00:00Z');
      await saveChanges(em, Thing, t, { notify: { channel: 'thing_changed', payload: 'T1' } });
      return t;
    });
    const updates = statements.filter((s) => s.includes('UPDATE "'));
    expect(statements.filter((s) => /^SELECT/.test(s.trim()))).toHaveLength(1); // the locking load only
    expect(updates).toHaveLength(1);
    expect(updates[0]).toContain(
      '"status" = $1, "steps" = $2, "decided_at" = $3, "version" = "version" + 1, "updated_at" = CURRENT_TIMESTAMP',
    );
    expect(updates[0]).not.toMatch(/thing_no|due_date/);
    expect(saved.version).toBe(before.version + 1);
    expect(saved.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());

    const after = await ds.getRepository(Thing).findOneByOrFail({ thingNo: 'T1' });
    expect(after).toMatchObject({
      status: 'DONE',
      steps: [{ no: 1, done: true }],
      version: before.version + 1,
    });
    expect(after.decidedAt?.toISOString()).toBe('2026-11-26T06:00:00.000Z');
    await waitFor(() => notified.includes('T1') || undefined, { description: 'the update notification' });
  });

  it('an unchanged entity writes nothing and notifies no one; a second save writes only the new change', async () => {
    notified.length = 0;
    statements.length = 0;
    await counted(async (em) => {
      const t = track(em, Thing, await load(em, 'T1'));
      expect(await saveChanges(em, Thing, t, { notify: { channel: 'thing_changed', payload: 'T1' } })).toBe(
        false,
      );
      t.dueDate = '2026-12-01';
      expect(await saveChanges(em, Thing, t)).toBe(true);
      expect(await saveChanges(em, Thing, t)).toBe(false);
    });
    const updates = statements.filter((s) => s.includes('UPDATE "'));
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatch(/"due_date" = \$1/);
    expect(updates[0]).not.toMatch(/"status"/);
    expect((await ds.getRepository(Thing).findOneByOrFail({ thingNo: 'T1' })).dueDate).toBe('2026-12-01');
    await new Promise((r) => setTimeout(r, 200));
    expect(notified).toEqual([]);
  });

  it('lockTracked loads what TypeORM would, holds the row lock, and its entity saves in one UPDATE', async () => {
    await ds.transaction((em) =>
      saveChanges(
        em,
        Thing,
        Object.assign(new Thing(), {
          thingNo: 'T2',
          status: 'OPEN',
          steps: [{ no: 1, done: false }],
          dueDate: '2026-12-24',
          decidedAt: new Date('2026-11-26T01:02:03.456Z'),
        }),
      ),
    );
    const viaTypeorm = await ds.getRepository(Thing).findOneByOrFail({ thingNo: 'T2' });
    statements.length = 0;
    await counted(async (em) => {
      expect(await lockTracked(em, Thing, 'thingNo', 'NOPE')).toBeNull();
      const t = await lockTracked(em, Thing, 'thingNo', 'T2');
      expect(t).toBeInstanceOf(Thing);
      // What TypeORM loads, and the select: false column too (a tracked load snapshots every column).
      expect(t).toEqual(Object.assign(new Thing(), viaTypeorm, { secret: null }));
      // Another session cannot take the row while this transaction holds it.
      const other = new Client({ connectionString: db.url });
      await other.connect();
      try {
        await expect(
          other.query(`SELECT 1 FROM tracked_things WHERE thing_no = 'T2' FOR NO KEY UPDATE NOWAIT`),
        ).rejects.toThrow(/could not obtain lock/);
        // …but a foreign-key check of a row referencing it (FOR KEY SHARE) does not wait for it.
        await other.query(`BEGIN`);
        await other.query(`SELECT 1 FROM tracked_things WHERE thing_no = 'T2' FOR KEY SHARE NOWAIT`);
        await other.query(`ROLLBACK`);
      } finally {
        await other.end();
      }
      t!.status = 'DONE';
      await saveChanges(em, Thing, t!);
    });
    expect(statements.filter((s) => s.includes('FOR NO KEY UPDATE'))).toHaveLength(2);
    expect(statements.filter((s) => s.includes('UPDATE "'))).toHaveLength(1);
    expect(statements.find((s) => s.includes('UPDATE "'))).toContain('SET "status" = $1, "version"');
    expect(await ds.getRepository(Thing).findOneByOrFail({ thingNo: 'T2' })).toMatchObject({
      status: 'DONE',
      version: viaTypeorm.version + 1,
    });
  });

  it('readOneBy reads what TypeORM’s findOne would (no select: false column), without a lock or tracking', async () => {
    await ds.query(`UPDATE tracked_things SET secret = 'file bytes' WHERE thing_no = 'T1'`);
    const viaTypeorm = await ds.getRepository(Thing).findOneByOrFail({ thingNo: 'T1' });
    const read = await readOneBy(ds.manager, Thing, 'thingNo', 'T1');
    expect(read).toBeInstanceOf(Thing);
    expect(read).toEqual(viaTypeorm);
    expect(read?.secret).toBeUndefined();
    expect(await readOneBy(ds.manager, Thing, 'thingNo', 'nope')).toBeNull();
    // The locked load reads every column (it tracks them all for the one-statement save).
    const locked = await ds.transaction((em) => lockTracked(em, Thing, 'thingNo', 'T1'));
    expect(locked?.secret).toBe('file bytes');
    // Not tracked: saving it falls back to TypeORM's save (no one-statement UPDATE from a snapshot).
    read!.status = 'READ';
    await ds.transaction((em) => saveChanges(em, Thing, read!));
    expect((await ds.getRepository(Thing).findOneByOrFail({ thingNo: 'T1' })).status).toBe('READ');
  });

  it('readOneWith reads the row as readOneBy does and the caller’s expressions with it, in one statement', async () => {
    const extra = `EXISTS (SELECT 1 FROM tracked_things WHERE thing_no = $1 AND status = 'READ') AS is_read, 42 AS answer`;
    const r = await readOneWith<Thing, { is_read: boolean; answer: number }>(
      ds.manager,
      Thing,
      'thingNo',
      'T1',
      extra,
    );
    expect(r?.entity).toEqual(await readOneBy(ds.manager, Thing, 'thingNo', 'T1'));
    expect(r?.entity.secret).toBeUndefined();
    expect(r?.extra).toMatchObject({ is_read: true, answer: 42 });
    expect(await readOneWith(ds.manager, Thing, 'thingNo', 'nope', extra)).toBeNull();
  });

  it('a rolled-back save leaves the row as it was, and a row gone is an error, not a silent no-op', async () => {
    const version = (await ds.getRepository(Thing).findOneByOrFail({ thingNo: 'T1' })).version;
    await expect(
      ds.transaction(async (em) => {
        const t = track(em, Thing, await load(em, 'T1'));
        t.status = 'ROLLED';
        await saveChanges(em, Thing, t);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect(await ds.getRepository(Thing).findOneByOrFail({ thingNo: 'T1' })).toMatchObject({
      status: 'READ',
      version,
    });

    await expect(
      ds.transaction(async (em) => {
        const t = track(em, Thing, await load(em, 'T1'));
        await em.query(`DELETE FROM tracked_things WHERE thing_no = 'T1'`);
        t.status = 'GONE';
        await saveChanges(em, Thing, t);
      }),
    ).rejects.toThrow(/tracked_things row .* is gone/);
  });

  it('readManyBy and readFirstWhere answer what TypeORM’s find and findOne would, in one statement each', async () => {
    const repo = ds.getRepository(Thing);
    for (const [no, status, due] of [
      ['M1', 'GROUP', '2026-12-03'],
      ['M2', 'GROUP', '2026-12-01'],
      ['M3', 'GROUP', null],
      ['M4', 'OTHER', '2026-12-02'],
    ] as const) {
      await repo.save(
        Object.assign(new Thing(), {
          thingNo: no,
          status,
          steps: [{ no: 1, done: false }],
          dueDate: due,
          secret: 'x',
        }),
      );
    }
    statements.length = 0;
    const [many, first, none] = await counted((em) =>
      Promise.all([
        readManyBy(em, Thing, 'status', 'GROUP', [['thingNo', 'DESC']]),
        readFirstWhere(em, Thing, `status = $1 AND due_date IS NOT NULL`, 'due_date ASC', ['GROUP']),
        readFirstWhere(em, Thing, `status = $1`, 'thing_no', ['NONE']),
      ]),
    );
    expect(statements.filter((s) => s !== 'COMMIT')).toHaveLength(3);
    const viaTypeorm = await repo.find({ where: { status: 'GROUP' }, order: { thingNo: 'DESC' } });
    expect(many).toEqual(viaTypeorm);
    expect(many.map((t) => t.thingNo)).toEqual(['M3', 'M2', 'M1']);
    for (const t of many) expect(t).toBeInstanceOf(Thing);
    // `select: false` columns are left out, as find leaves them out.
    expect(many[0].secret).toBeUndefined();
    expect(first).toEqual(viaTypeorm.find((t) => t.thingNo === 'M2'));
    expect(none).toBeNull();
    expect(await readManyBy(ds.manager, Thing, 'status', 'NONE', [['thingNo', 'ASC']])).toEqual([]);
  });
});
