import { MigrationInterface, QueryRunner } from 'typeorm';

/** The supervision read model: cases, clocks and their lights, 督办 items, flags and the rating facts. */
export class SupervisionSchema1732400000500 implements MigrationInterface {
  name = 'SupervisionSchema1732400000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sup_cases (
        case_no varchar(50) PRIMARY KEY,
        region_code varchar(6),
        item_code varchar(50),
        item_name varchar(200),
        dept_code varchar(18),
        dept_name varchar(100),
        channel varchar(1),
        project_type varchar(1),
        task_type varchar(2),
        submitted_at timestamptz,
        accepted_at timestamptz,
        promise_date date,
        promise_limit int,
        promise_unit varchar(1),
        approval_id uuid,
        approval_steps text[],
        approval_opened_at timestamptz,
        approvals_opened int NOT NULL DEFAULT 0,
        decision varchar(8),
        decided_at timestamptz,
        licence_id varchar(120),
        licence_issued_at timestamptz,
        completed_at timestamptz,
        done_result varchar(1),
        not_accepted_at timestamptz,
        withdrawn_at timestamptz,
        supplement_notices int NOT NULL DEFAULT 0,
        special_paused_days int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sup_cases_dept_idx ON sup_cases (dept_code)`);
    await q.query(`CREATE INDEX sup_cases_completed_idx ON sup_cases (completed_at)`);
    await q.query(`CREATE INDEX sup_cases_accepted_idx ON sup_cases (accepted_at)`);
    await q.query(`
      CREATE TABLE sup_clocks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_no varchar(50) NOT NULL,
        kind varchar(20) NOT NULL,
        ref varchar(80) NOT NULL DEFAULT '',
        label varchar(100) NOT NULL,
        dept_code varchar(18) NOT NULL,
        item_code varchar(50),
        due_date date NOT NULL,
        paused_since date,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        close_reason varchar(40),
        light varchar(6),
        remaining_working_days int,
        effective_due_date date,
        light_changed_at timestamptz,
        check_after timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sup_clocks_one_per_ref UNIQUE (case_no, kind, ref)
      )`);
    await q.query(`CREATE INDEX sup_clocks_due_idx ON sup_clocks (check_after) WHERE closed_at IS NULL`);
    await q.query(
      `CREATE INDEX sup_clocks_light_idx ON sup_clocks (light, dept_code, effective_due_date) WHERE closed_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE sup_light_changes (
        id bigserial PRIMARY KEY,
        clock_id uuid NOT NULL REFERENCES sup_clocks(id),
        case_no varchar(50) NOT NULL,
        previous_light varchar(6),
        light varchar(6) NOT NULL,
        due_date date NOT NULL,
        remaining_working_days int NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sup_light_changes_case_idx ON sup_light_changes (case_no, id)`);
    await q.query(`
      CREATE TABLE sup_escalations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        clock_id uuid NOT NULL REFERENCES sup_clocks(id),
        case_no varchar(50) NOT NULL,
        kind varchar(20) NOT NULL,
        dept_code varchar(18) NOT NULL,
        item_code varchar(50),
        due_date date NOT NULL,
        status varchar(12) NOT NULL,
        opened_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by varchar(100),
        resolved_at timestamptz,
        resolved_by varchar(100),
        resolution varchar(1000)
      )`);
    // At most one open 督办 item per clock: a clock that stays red is escalated once.
    await q.query(
      `CREATE UNIQUE INDEX sup_escalations_one_open ON sup_escalations (clock_id) WHERE status <> 'RESOLVED'`,
    );
    await q.query(
      `CREATE INDEX sup_escalations_dept_idx ON sup_escalations (dept_code, status, opened_at DESC)`,
    );
    await q.query(`
      CREATE TABLE sup_escalation_audit (
        id bigserial PRIMARY KEY,
        escalation_id uuid NOT NULL REFERENCES sup_escalations(id),
        action varchar(20) NOT NULL,
        actor_sub varchar(100) NOT NULL,
        actor_name varchar(100),
        comment varchar(1000),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sup_escalation_audit_idx ON sup_escalation_audit (escalation_id, id)`);
    await q.query(`
      CREATE TABLE sup_flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_no varchar(50) NOT NULL,
        dept_code varchar(18) NOT NULL,
        kind varchar(30) NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        source_event_id uuid NOT NULL,
        CONSTRAINT sup_flags_once UNIQUE (source_event_id, kind)
      )`);
    await q.query(`CREATE INDEX sup_flags_dept_idx ON sup_flags (dept_code, occurred_at DESC)`);
    await q.query(`CREATE INDEX sup_flags_case_idx ON sup_flags (case_no)`);
    await q.query(`
      CREATE TABLE sup_reviews (
        review_id uuid PRIMARY KEY,
        case_no varchar(50) NOT NULL,
        item_code varchar(50) NOT NULL,
        dept_code varchar(18) NOT NULL,
        satisfaction int NOT NULL,
        pf varchar(1) NOT NULL,
        assess_number int NOT NULL,
        assess_time timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sup_reviews_time_idx ON sup_reviews (assess_time)`);
    await q.query(`
      CREATE TABLE sup_bad_reviews (
        work_order_id uuid PRIMARY KEY,
        review_id uuid NOT NULL,
        case_no varchar(50) NOT NULL,
        dept_code varchar(18) NOT NULL,
        satisfaction int NOT NULL,
        rectify_due_date date NOT NULL,
        opened_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sup_bad_reviews_time_idx ON sup_bad_reviews (opened_at)`);
    await q.query(`
      CREATE TABLE sup_bundles (
        bundle_no varchar(30) PRIMARY KEY,
        region_code varchar(6),
        definition_code varchar(40) NOT NULL,
        definition_name varchar(100),
        dept_codes text[] NOT NULL DEFAULT '{}',
        item_codes text[] NOT NULL DEFAULT '{}',
        submitted_at timestamptz,
        state varchar(20),
        ended_at timestamptz,
        members jsonb
      )`);
    await q.query(`CREATE INDEX sup_bundles_submitted_idx ON sup_bundles (submitted_at)`);
    await q.query(`CREATE INDEX sup_bundles_ended_idx ON sup_bundles (ended_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'sup_bundles',
      'sup_bad_reviews',
      'sup_reviews',
      'sup_flags',
      'sup_escalation_audit',
      'sup_escalations',
      'sup_light_changes',
      'sup_clocks',
      'sup_cases',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
