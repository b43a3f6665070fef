import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The life of a case before a decision: 补正 notices (一次性告知) and the pauses of the case's clock, the
 * applicant's withdrawal (作废办结 2), 退件 on a missed supplement deadline (5), and the clerk's refusal
 * proposal that only a chief decides (REFUSAL_PROPOSED).
 */
export class CaseLife1732400000120 implements MigrationInterface {
  name = 'CaseLife1732400000120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases
        DROP CONSTRAINT cases_status_chk,
        DROP CONSTRAINT cases_done_result_chk,
        ADD COLUMN paused_days int NOT NULL DEFAULT 0,
        ADD COLUMN paused_at timestamptz,
        ADD COLUMN supplement_due_at timestamptz,
        ADD COLUMN refusal_reason varchar(500),
        ADD COLUMN refusal_legal_basis varchar(1000),
        ADD COLUMN refusal_proposed_by varchar(100),
        ADD COLUMN refusal_proposed_at timestamptz`);
    await q.query(`
      ALTER TABLE cases
        ADD CONSTRAINT cases_status_chk CHECK (status IN ('SUBMITTED','ACCEPTED','NOT_ACCEPTED','IN_APPROVAL',
          'APPROVED','DONE','SUPPLEMENT_REQUIRED','REFUSAL_PROPOSED')),
        ADD CONSTRAINT cases_done_result_chk CHECK (done_result IS NULL OR done_result IN ('0','1','2','5','6')),
        ADD CONSTRAINT cases_paused_days_chk CHECK (paused_days >= 0),
        ADD CONSTRAINT cases_supplement_pause_chk
          CHECK ((status = 'SUPPLEMENT_REQUIRED') = (paused_at IS NOT NULL AND supplement_due_at IS NOT NULL))`);
    await q.query(
      `CREATE INDEX cases_supplement_due_idx ON cases (supplement_due_at) WHERE status = 'SUPPLEMENT_REQUIRED'`,
    );
    await q.query(`
      CREATE TABLE supplement_notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notice_no varchar(60) NOT NULL UNIQUE,
        case_no varchar(50) NOT NULL REFERENCES cases(case_no),
        seq int NOT NULL CHECK (seq >= 1),
        materials jsonb NOT NULL CHECK (jsonb_typeof(materials) = 'array' AND jsonb_array_length(materials) >= 1),
        remark varchar(500),
        issued_by varchar(100) NOT NULL,
        issued_at timestamptz NOT NULL,
        due_date date NOT NULL,
        due_at timestamptz NOT NULL,
        supplied_at timestamptz,
        supplied_materials jsonb,
        CONSTRAINT supplement_notices_case_seq_uq UNIQUE (case_no, seq)
      )`);
    await q.query(`
      CREATE TABLE case_pauses (
        id bigserial PRIMARY KEY,
        case_no varchar(50) NOT NULL REFERENCES cases(case_no),
        reason varchar(20) NOT NULL CHECK (reason IN ('SUPPLEMENT')),
        notice_no varchar(60) REFERENCES supplement_notices(notice_no),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        working_days int CHECK (working_days IS NULL OR working_days >= 0),
        CHECK ((ended_at IS NULL) = (working_days IS NULL))
      )`);
    await q.query(`CREATE INDEX case_pauses_case_idx ON case_pauses (case_no, started_at)`);
    await q.query(`CREATE UNIQUE INDEX case_pauses_open_uq ON case_pauses (case_no) WHERE ended_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_pauses`);
    await q.query(`DROP TABLE supplement_notices`);
    await q.query(`DROP INDEX cases_supplement_due_idx`);
    await q.query(`
      ALTER TABLE cases
        DROP CONSTRAINT cases_supplement_pause_chk,
        DROP CONSTRAINT cases_paused_days_chk,
        DROP CONSTRAINT cases_done_result_chk,
        DROP CONSTRAINT cases_status_chk,
        DROP COLUMN refusal_proposed_at,
        DROP COLUMN refusal_proposed_by,
        DROP COLUMN refusal_legal_basis,
        DROP COLUMN refusal_reason,
        DROP COLUMN supplement_due_at,
        DROP COLUMN paused_at,
        DROP COLUMN paused_days`);
    await q.query(`
      ALTER TABLE cases
        ADD CONSTRAINT cases_status_chk
          CHECK (status IN ('SUBMITTED','ACCEPTED','NOT_ACCEPTED','IN_APPROVAL','APPROVED','DONE')),
        ADD CONSTRAINT cases_done_result_chk CHECK (done_result IS NULL OR done_result IN ('0','1','6'))`);
  }
}
