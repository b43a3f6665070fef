import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hardening after the first schema: the timeline actor holds an applicant's full name (≤ 200, as the
 * API allows), code columns only take their standard codes, lists without a status filter have an index,
 * and the timeline is read in the order things happened.
 */
export class IntakeConstraints1732400000101 implements MigrationInterface {
  name = 'IntakeConstraints1732400000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_timeline ALTER COLUMN actor TYPE varchar(200)`);
    await q.query(`
      ALTER TABLE cases
        ADD CONSTRAINT cases_status_chk
          CHECK (status IN ('SUBMITTED','ACCEPTED','NOT_ACCEPTED','IN_APPROVAL','APPROVED','DONE')),
        ADD CONSTRAINT cases_done_result_chk CHECK (done_result IS NULL OR done_result IN ('0','1','6')),
        ADD CONSTRAINT cases_user_prop_chk CHECK (applicant_user_prop IN ('1','2','3','4','5','6','9')),
        ADD CONSTRAINT cases_submit_channel_chk CHECK (submit_channel IN ('0','1','2','3','4','5','6','7','8'))`);
    await q.query(`
      ALTER TABLE service_items
        ADD CONSTRAINT service_items_units_chk
          CHECK (legal_unit IN ('1','2','3','4','5') AND promise_unit IN ('1','2','3','4','5')),
        ADD CONSTRAINT service_items_limits_chk CHECK (legal_limit >= 0 AND promise_limit >= 0)`);
    await q.query(`CREATE INDEX cases_dept_submitted_idx ON cases (dept_code, submitted_at DESC)`);
    await q.query(`CREATE INDEX cases_submitted_idx ON cases (submitted_at DESC)`);
    await q.query(`CREATE INDEX case_timeline_case_time_idx ON case_timeline (case_no, occurred_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX case_timeline_case_time_idx`);
    await q.query(`DROP INDEX cases_submitted_idx`);
    await q.query(`DROP INDEX cases_dept_submitted_idx`);
    await q.query(
      `ALTER TABLE service_items DROP CONSTRAINT service_items_limits_chk, DROP CONSTRAINT service_items_units_chk`,
    );
    await q.query(
      `ALTER TABLE cases DROP CONSTRAINT cases_submit_channel_chk, DROP CONSTRAINT cases_user_prop_chk,
         DROP CONSTRAINT cases_done_result_chk, DROP CONSTRAINT cases_status_chk`,
    );
    await q.query(`ALTER TABLE case_timeline ALTER COLUMN actor TYPE varchar(100)`);
  }
}
