import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApprovalSchema1732400000200 implements MigrationInterface {
  name = 'ApprovalSchema1732400000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE approval_cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_no varchar(50) NOT NULL UNIQUE,
        item_code varchar(36) NOT NULL,
        item_name varchar(200) NOT NULL,
        dept_code varchar(18) NOT NULL,
        dept_name varchar(100) NOT NULL,
        project_type varchar(1) NOT NULL,
        applicant jsonb NOT NULL,
        licence jsonb,
        steps jsonb NOT NULL,
        current_step int NOT NULL,
        status varchar(10) NOT NULL CHECK (status IN ('OPEN','APPROVED','DENIED')),
        due_date date NOT NULL,
        opened_at timestamptz NOT NULL,
        decided_at timestamptz,
        version int NOT NULL
      )`);
    await q.query(
      `CREATE INDEX approval_cases_dept_status_idx ON approval_cases (dept_code, status, opened_at DESC)`,
    );
    await q.query(`
      CREATE TABLE approval_audit (
        id bigserial PRIMARY KEY,
        approval_id uuid NOT NULL REFERENCES approval_cases(id),
        case_no varchar(50) NOT NULL,
        action varchar(20) NOT NULL,
        step_no int,
        actor_sub varchar(100) NOT NULL,
        actor_name varchar(100),
        actor_dept varchar(18),
        opinion varchar(1000),
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX approval_audit_case_idx ON approval_audit (case_no, id)`);
    await q.query(`
      CREATE FUNCTION approval_audit_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'approval_audit is append-only (% refused)', TG_OP;
      END $$ LANGUAGE plpgsql`);
    await q.query(`
      CREATE TRIGGER approval_audit_no_change BEFORE UPDATE OR DELETE ON approval_audit
      FOR EACH ROW EXECUTE FUNCTION approval_audit_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE approval_audit`);
    await q.query(`DROP FUNCTION approval_audit_append_only`);
    await q.query(`DROP TABLE approval_cases`);
  }
}
