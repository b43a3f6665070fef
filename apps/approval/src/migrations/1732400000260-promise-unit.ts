import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case's 承诺时限单位 (promisetimeunit of intake.application.accepted.v1): the end of a 特别程序 moves
 * the case's due date in working days for 工作日 (1) and in natural days for the other units. Cases opened
 * before keep null, read as 工作日 (what they were shifted in so far).
 */
export class PromiseUnit1732400000260 implements MigrationInterface {
  name = 'PromiseUnit1732400000260';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approval_cases ADD COLUMN promise_unit varchar(1)`);
    await q.query(
      `ALTER TABLE approval_cases ADD CONSTRAINT approval_cases_promise_unit_check
         CHECK (promise_unit IS NULL OR promise_unit IN ('1', '2', '3', '4', '5'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approval_cases DROP CONSTRAINT approval_cases_promise_unit_check`);
    await q.query(`ALTER TABLE approval_cases DROP COLUMN promise_unit`);
  }
}
