import { DataSource } from 'typeorm';
import { MESSAGING_MIGRATIONS } from '@app/shared/database';
import { createTestDatabase } from '@app/shared/testing';
import { EvaluationSchema1732400000400 } from '../src/migrations/1732400000400-evaluation-schema';
import { BadReviewLifecycle1732400000410 } from '../src/migrations/1732400000410-bad-review-lifecycle';

/** The lifecycle migration on a database holding work orders opened before it, on the real PostgreSQL. */
describe('migration BadReviewLifecycle1732400000410 (integration)', () => {
  it('turns open orders into ASSIGNED ones with their opening in the history, and reverts', async () => {
    const db = await createTestDatabase('it_evaluation_migration');
    const source = (migrations: Array<new () => object>) =>
      new DataSource({ type: 'postgres', url: db.url, migrations, migrationsTransactionMode: 'each' });
    const before = source([...MESSAGING_MIGRATIONS, EvaluationSchema1732400000400]);
    const after = source([
      ...MESSAGING_MIGRATIONS,
      EvaluationSchema1732400000400,
      BadReviewLifecycle1732400000410,
    ]);
    try {
      await before.initialize();
      await before.runMigrations();
      await before.query(`
        INSERT INTO ratable_cases VALUES ('33010620261124000099', 'i', '食品经营许可', '113301000024901620', '市监局',
          'citizen', '2', '0', '2026-11-20T02:00:00Z', '2026-11-27T02:00:00Z')`);
      const [{ id: reviewId }] = await before.query<Array<{ id: string }>>(`
        INSERT INTO reviews (case_no, stage, satisfaction, pf, comment, assess_number, rater_sub)
        VALUES ('33010620261124000099', 'COMPLETED', 1, '2', '态度差', 1, 'citizen') RETURNING id`);
      const [{ id }] = await before.query<Array<{ id: string }>>(
        `INSERT INTO bad_review_orders (review_id, case_no, dept_code, satisfaction, status, rectify_due_date, created_at)
         VALUES ($1, '33010620261124000099', '113301000024901620', 1, 'BAD_REVIEW_CREATED', '2026-12-11',
                 '2026-11-21T03:00:00Z') RETURNING id`,
        [reviewId],
      );
      await before.destroy();

      await after.initialize();
      expect((await after.runMigrations()).map((m) => m.name)).toEqual(['BadReviewLifecycle1732400000410']);
      expect(
        await after.query('SELECT status, verified_at, closure FROM bad_review_orders WHERE id = $1', [id]),
      ).toEqual([{ status: 'ASSIGNED', verified_at: null, closure: null }]);
      const history = await after.query<Array<Record<string, unknown>>>(
        `SELECT action, from_status, to_status, actor_sub, details, at FROM bad_review_order_history WHERE order_id = $1`,
        [id],
      );
      expect(history).toEqual([
        {
          action: 'ASSIGN',
          from_status: null,
          to_status: 'ASSIGNED',
          actor_sub: 'system',
          details: { deptCode: '113301000024901620' },
          at: new Date('2026-11-21T03:00:00Z'),
        },
      ]);
      // The new columns only take the code lists' values.
      await expect(
        after.query(`UPDATE bad_review_orders SET rectify_mode = 'LATER' WHERE id = $1`, [id]),
      ).rejects.toThrow(/check constraint/);

      await after.undoLastMigration();
      expect(await after.query('SELECT status FROM bad_review_orders WHERE id = $1', [id])).toEqual([
        { status: 'BAD_REVIEW_CREATED' },
      ]);
      expect(await after.query(`SELECT to_regclass('bad_review_order_history') AS t`)).toEqual([{ t: null }]);
      expect((await after.runMigrations()).map((m) => m.name)).toEqual(['BadReviewLifecycle1732400000410']);
    } finally {
      if (before.isInitialized) await before.destroy();
      if (after.isInitialized) await after.destroy();
      await db.drop();
    }
  });
});
