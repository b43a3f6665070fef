import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 容缺受理 and 告知承诺制 (issue 8): the materials a case was accepted without (owed, each with its due
 * date), the applicants' signed commitments (kept forever: UPDATE and DELETE are refused by a trigger),
 * the departments' post-check (事后核查) tasks, and the revocation of a case's result after a failed check.
 */
export class DeferralAndCommitment1732400000150 implements MigrationInterface {
  name = 'DeferralAndCommitment1732400000150';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN result_revoked_at timestamptz`);
    await q.query(`ALTER TABLE cases ADD COLUMN result_revocation_reason varchar(1000)`);
    await q.query(`
      CREATE TABLE owed_materials (
        id bigserial PRIMARY KEY,
        case_no varchar(50) NOT NULL REFERENCES cases(case_no),
        code varchar(10) NOT NULL,
        name varchar(200) NOT NULL,
        owed_at timestamptz NOT NULL,
        due_date date NOT NULL,
        due_at timestamptz NOT NULL,
        supplied_at timestamptz,
        file_name varchar(200),
        overdue_at timestamptz,
        CONSTRAINT owed_materials_case_code_uq UNIQUE (case_no, code),
        CONSTRAINT owed_materials_supplied_chk CHECK ((supplied_at IS NULL) = (file_name IS NULL)),
        CONSTRAINT owed_materials_one_end_chk CHECK (supplied_at IS NULL OR overdue_at IS NULL)
      )`);
    await q.query(
      `CREATE INDEX owed_materials_due_idx ON owed_materials (due_at)
         WHERE supplied_at IS NULL AND overdue_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE case_commitments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commitment_no varchar(60) NOT NULL UNIQUE,
        case_no varchar(50) NOT NULL UNIQUE REFERENCES cases(case_no),
        statement varchar(4000) NOT NULL,
        signer_name varchar(100) NOT NULL,
        signed_at timestamptz NOT NULL,
        materials jsonb NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION case_commitments_keep() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_commitments are kept as signed: % refused', TG_OP
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER case_commitments_keep_trg BEFORE UPDATE OR DELETE ON case_commitments
        FOR EACH ROW EXECUTE FUNCTION case_commitments_keep()`);
    await q.query(`
      CREATE TABLE post_checks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        post_check_no varchar(60) NOT NULL UNIQUE,
        case_no varchar(50) NOT NULL UNIQUE REFERENCES cases(case_no),
        commitment_no varchar(60) NOT NULL REFERENCES case_commitments(commitment_no),
        dept_code varchar(18) NOT NULL,
        item_code varchar(36) NOT NULL,
        item_name varchar(200) NOT NULL,
        applicant_name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL,
        due_date date NOT NULL,
        due_at timestamptz NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('PENDING','PASSED','FAILED')),
        result_reason varchar(1000),
        checked_by varchar(100),
        checked_at timestamptz,
        overdue_at timestamptz,
        CONSTRAINT post_checks_result_chk CHECK (
          (status = 'PENDING') = (checked_at IS NULL AND checked_by IS NULL)),
        CONSTRAINT post_checks_failed_reason_chk CHECK (status <> 'FAILED' OR result_reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX post_checks_dept_idx ON post_checks (dept_code, status, due_at)`);
    await q.query(
      `CREATE INDEX post_checks_due_idx ON post_checks (due_at) WHERE status = 'PENDING' AND overdue_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE post_checks`);
    await q.query(`DROP TABLE case_commitments`);
    await q.query(`DROP FUNCTION case_commitments_keep()`);
    await q.query(`DROP TABLE owed_materials`);
    await q.query(`ALTER TABLE cases DROP COLUMN result_revocation_reason`);
    await q.query(`ALTER TABLE cases DROP COLUMN result_revoked_at`);
  }
}
