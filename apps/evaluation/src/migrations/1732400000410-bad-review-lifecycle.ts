import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 差评整改 work-order lifecycle: summary columns on the order and its history table. Orders opened so
 * far (status BAD_REVIEW_CREATED) become ASSIGNED — 转办 to the case's department is automatic — and get
 * their opening as the first history row.
 */
export class BadReviewLifecycle1732400000410 implements MigrationInterface {
  name = 'BadReviewLifecycle1732400000410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bad_review_orders
        ADD COLUMN verified_at timestamptz,
        ADD COLUMN outcome varchar(20) CHECK (outcome IN ('RECTIFIED', 'EXPLAINED')),
        ADD COLUMN rectify_mode varchar(20) CHECK (rectify_mode IN ('IMMEDIATE', 'SCHEDULED')),
        ADD COLUMN rectified_at timestamptz,
        ADD COLUMN appeal_reason varchar(20) CHECK (appeal_reason IN ('MISTAKEN', 'MALICIOUS')),
        ADD COLUMN appealed_at timestamptz,
        ADD COLUMN appeal_decision varchar(20) CHECK (appeal_decision IN ('UPHELD', 'VOIDED')),
        ADD COLUMN appeal_decided_at timestamptz,
        ADD COLUMN followed_up_at timestamptz,
        ADD COLUMN rater_satisfied boolean,
        ADD COLUMN closure varchar(20) CHECK (closure IN ('FOLLOWED_UP', 'VOIDED')),
        ADD COLUMN closed_at timestamptz`);
    await q.query(`UPDATE bad_review_orders SET status = 'ASSIGNED' WHERE status = 'BAD_REVIEW_CREATED'`);
    // Supervisors list every department's orders by state (APPEALED ones to decide).
    await q.query(`CREATE INDEX bad_review_orders_status_idx ON bad_review_orders (status, created_at DESC)`);
    await q.query(`
      CREATE TABLE bad_review_order_history (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES bad_review_orders(id),
        action varchar(20) NOT NULL,
        from_status varchar(30),
        to_status varchar(30) NOT NULL,
        actor_sub varchar(100) NOT NULL,
        actor_name varchar(100),
        note varchar(1000),
        details jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX bad_review_order_history_order_idx ON bad_review_order_history (order_id, id)`,
    );
    await q.query(`
      INSERT INTO bad_review_order_history
        (order_id, action, from_status, to_status, actor_sub, actor_name, note, details, at)
      SELECT id, 'ASSIGN', NULL, 'ASSIGNED', 'system', '系统转办', '转办至承办部门 ' || dept_code,
             jsonb_build_object('deptCode', dept_code), created_at
        FROM bad_review_orders ORDER BY created_at, id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bad_review_order_history`);
    await q.query(`DROP INDEX bad_review_orders_status_idx`);
    await q.query(`UPDATE bad_review_orders SET status = 'BAD_REVIEW_CREATED' WHERE status = 'ASSIGNED'`);
    await q.query(`
      ALTER TABLE bad_review_orders
        DROP COLUMN verified_at, DROP COLUMN outcome, DROP COLUMN rectify_mode, DROP COLUMN rectified_at,
        DROP COLUMN appeal_reason, DROP COLUMN appealed_at, DROP COLUMN appeal_decision,
        DROP COLUMN appeal_decided_at, DROP COLUMN followed_up_at, DROP COLUMN rater_satisfied,
        DROP COLUMN closure, DROP COLUMN closed_at`);
  }
}
