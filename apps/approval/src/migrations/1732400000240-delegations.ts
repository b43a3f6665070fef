import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-department delegations (跨部门委托): a department's items decided by another department for a
 * period, revocable. Audit rows of decisions taken under one name it (delegation_id).
 */
export class Delegations1732400000240 implements MigrationInterface {
  name = 'Delegations1732400000240';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE delegations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        from_dept varchar(18) NOT NULL,
        to_dept varchar(18) NOT NULL,
        item_codes text[] NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        granted_by varchar(100) NOT NULL,
        granted_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by varchar(100),
        CONSTRAINT delegations_items_present CHECK (cardinality(item_codes) > 0),
        CONSTRAINT delegations_period CHECK (valid_to > valid_from),
        CONSTRAINT delegations_two_depts CHECK (from_dept <> to_dept)
      )`);
    await q.query(`CREATE INDEX delegations_to_from ON delegations (to_dept, from_dept)`);
    await q.query(`ALTER TABLE approval_audit ADD COLUMN delegation_id uuid REFERENCES delegations (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approval_audit DROP COLUMN delegation_id`);
    await q.query(`DROP TABLE delegations`);
  }
}
