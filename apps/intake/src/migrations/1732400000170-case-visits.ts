import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 最多跑一次: a case counts the visits its applicant actually made (到现场次数: the submission, a 补正 or
 * owed 容缺 materials brought to a window) and keeps the item's 跑动次数 it was filed under.
 */
export class CaseVisits1732400000170 implements MigrationInterface {
  name = 'CaseVisits1732400000170';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN visits int NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE cases ADD COLUMN visit_limit int`);
    await q.query(`UPDATE cases SET visits = 1 WHERE submit_channel = '0'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP COLUMN visit_limit`);
    await q.query(`ALTER TABLE cases DROP COLUMN visits`);
  }
}
