import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The facts behind 最多跑一次率 / 一次不用跑率 (a case's actual visits and its item's 跑动次数), 承诺时限压缩率 (the
 * item's 法定时限) and 差评整改率 / 回访率 (a work order rectified or explained, followed up, or voided).
 */
export class VisitsAndRectification1732400000510 implements MigrationInterface {
  name = 'VisitsAndRectification1732400000510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sup_cases
        ADD COLUMN visits int,
        ADD COLUMN visit_limit int,
        ADD COLUMN legal_limit int,
        ADD COLUMN legal_unit varchar(1)`);
    await q.query(`
      ALTER TABLE sup_bad_reviews
        ADD COLUMN outcome varchar(10),
        ADD COLUMN rectification_mode varchar(10),
        ADD COLUMN rectified_at timestamptz,
        ADD COLUMN closure varchar(12),
        ADD COLUMN rater_satisfied boolean,
        ADD COLUMN closed_at timestamptz`);
    // A later event of a work order may arrive before its opened event (another topic): the row is then
    // created from what that event carries and completed when the opened event comes.
    await q.query(`
      ALTER TABLE sup_bad_reviews
        ALTER COLUMN satisfaction DROP NOT NULL,
        ALTER COLUMN rectify_due_date DROP NOT NULL,
        ALTER COLUMN opened_at DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM sup_bad_reviews WHERE opened_at IS NULL`);
    await q.query(`
      ALTER TABLE sup_bad_reviews
        ALTER COLUMN satisfaction SET NOT NULL,
        ALTER COLUMN rectify_due_date SET NOT NULL,
        ALTER COLUMN opened_at SET NOT NULL`);
    await q.query(`
      ALTER TABLE sup_bad_reviews DROP COLUMN outcome, DROP COLUMN rectification_mode, DROP COLUMN rectified_at,
        DROP COLUMN closure, DROP COLUMN rater_satisfied, DROP COLUMN closed_at`);
    await q.query(`
      ALTER TABLE sup_cases DROP COLUMN visits, DROP COLUMN visit_limit, DROP COLUMN legal_limit,
        DROP COLUMN legal_unit`);
  }
}
