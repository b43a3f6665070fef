import { MigrationInterface, QueryRunner } from 'typeorm';

const PROMISE_STEPS = [
  { code: '1', name: '承办', role: 'approver', limitDays: 2 },
  { code: '2', name: '审核', role: 'approver', limitDays: 2 },
  { code: '3', name: '批准', role: 'approver', limitDays: 1 },
];

/**
 * Versioned workflow definitions per item (with the defaults per 办件类型), step clocks on the case,
 * 首席代表 authorisations, 特别程序 (suspension) and the SUSPENDED status.
 */
export class ApprovalProcedures1732400000210 implements MigrationInterface {
  name = 'ApprovalProcedures1732400000210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workflow_definitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_code varchar(50),
        project_type varchar(1) CHECK (project_type IN ('1','2')),
        version int NOT NULL CHECK (version >= 1),
        steps jsonb NOT NULL CHECK (jsonb_typeof(steps) = 'array' AND jsonb_array_length(steps) <= 3),
        created_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT workflow_definitions_scope_chk CHECK ((item_code IS NULL) <> (project_type IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX workflow_definitions_item_version ON workflow_definitions (item_code, version) WHERE item_code IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX workflow_definitions_default_version ON workflow_definitions (project_type, version) WHERE item_code IS NULL`,
    );
    await q.query(
      `INSERT INTO workflow_definitions (project_type, version, steps, created_by, created_at)
       VALUES ('2', 1, $1::jsonb, 'system', now()), ('1', 1, '[]'::jsonb, 'system', now())`,
      [JSON.stringify(PROMISE_STEPS)],
    );

    await q.query(`
      ALTER TABLE approval_cases
        ADD COLUMN task_type varchar(2),
        ADD COLUMN workflow_id uuid REFERENCES workflow_definitions(id),
        ADD COLUMN workflow_version int`);
    await q.query(`ALTER TABLE approval_cases DROP CONSTRAINT approval_cases_status_check`);
    await q.query(`
      ALTER TABLE approval_cases ADD CONSTRAINT approval_cases_status_check
        CHECK (status IN ('OPEN','SUSPENDED','APPROVED','DENIED'))`);
    // Adding nullable columns rewrites no row: the append-only trigger is not involved.
    await q.query(
      `ALTER TABLE approval_audit ADD COLUMN authorisation_id uuid, ADD COLUMN procedure_id uuid`,
    );

    await q.query(`
      CREATE TABLE chief_authorisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dept_code varchar(18) NOT NULL,
        item_codes text[] NOT NULL DEFAULT '{}',
        task_types text[] NOT NULL DEFAULT '{}',
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        granted_by varchar(100) NOT NULL,
        granted_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by varchar(100),
        CONSTRAINT chief_authorisations_period_chk CHECK (valid_to > valid_from),
        CONSTRAINT chief_authorisations_scope_chk
          CHECK (cardinality(item_codes) + cardinality(task_types) > 0),
        CONSTRAINT chief_authorisations_revoked_chk CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      )`);
    await q.query(`CREATE INDEX chief_authorisations_dept_idx ON chief_authorisations (dept_code, valid_to)`);

    await q.query(`
      CREATE TABLE special_procedures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        approval_id uuid NOT NULL REFERENCES approval_cases(id),
        case_no varchar(50) NOT NULL,
        type varchar(2) NOT NULL CHECK (type IN ('2','3','4','7','8')),
        reason varchar(1000) NOT NULL,
        expected_end_date date NOT NULL,
        step_no int NOT NULL,
        started_at timestamptz NOT NULL,
        started_on date NOT NULL,
        started_by varchar(100) NOT NULL,
        ended_at timestamptz,
        ended_on date,
        ended_by varchar(100),
        result varchar(1000),
        paused_working_days int CHECK (paused_working_days >= 0),
        CONSTRAINT special_procedures_end_chk CHECK (
          (ended_at IS NULL AND ended_on IS NULL AND ended_by IS NULL AND result IS NULL AND paused_working_days IS NULL)
          OR (ended_at IS NOT NULL AND ended_on IS NOT NULL AND ended_by IS NOT NULL AND result IS NOT NULL
              AND paused_working_days IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX special_procedures_case_idx ON special_procedures (case_no, started_at)`);
    await q.query(
      `CREATE UNIQUE INDEX special_procedures_one_running ON special_procedures (approval_id) WHERE ended_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE special_procedures`);
    await q.query(`DROP TABLE chief_authorisations`);
    await q.query(`ALTER TABLE approval_audit DROP COLUMN authorisation_id, DROP COLUMN procedure_id`);
    await q.query(`ALTER TABLE approval_cases DROP CONSTRAINT approval_cases_status_check`);
    await q.query(`
      ALTER TABLE approval_cases ADD CONSTRAINT approval_cases_status_check
        CHECK (status IN ('OPEN','APPROVED','DENIED'))`);
    await q.query(`
      ALTER TABLE approval_cases DROP COLUMN task_type, DROP COLUMN workflow_id, DROP COLUMN workflow_version`);
    await q.query(`DROP TABLE workflow_definitions`);
  }
}
