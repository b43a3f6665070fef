import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_BUNDLES } from '../bundles/seed-bundles';

/**
 * 一件事一次办: bundle definitions (seeded with 企业开办), bundles (one application each) and their members
 * (a member's case is created in its own department when its dependencies have their result), the bundle
 * number counters and the sequence behind the 统一社会信用代码 a bundle assigns to the enterprise it registers.
 */
export class Bundles1732400000160 implements MigrationInterface {
  name = 'Bundles1732400000160';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bundle_definitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL UNIQUE,
        name varchar(100) NOT NULL,
        description varchar(500),
        form_fields jsonb NOT NULL,
        materials jsonb NOT NULL,
        members jsonb NOT NULL,
        mapping jsonb NOT NULL,
        material_mapping jsonb NOT NULL,
        enterprise jsonb,
        version int NOT NULL DEFAULT 1,
        updated_by varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE bundles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bundle_no varchar(30) NOT NULL UNIQUE,
        definition_code varchar(40) NOT NULL,
        definition_name varchar(100) NOT NULL,
        definition_version int NOT NULL,
        definition jsonb NOT NULL,
        applicant_sub varchar(100) NOT NULL,
        applicant_user_prop varchar(1) NOT NULL,
        applicant_name varchar(200) NOT NULL,
        applicant_cert_type varchar(3) NOT NULL,
        applicant_cert_no varchar(64) NOT NULL,
        applicant_cert_masked varchar(64) NOT NULL,
        applicant_cert_hash varchar(64) NOT NULL,
        contact_phone varchar(20),
        enterprise_uscc varchar(18),
        enterprise_name varchar(200),
        form_data jsonb NOT NULL,
        materials jsonb NOT NULL,
        submit_channel varchar(1) NOT NULL,
        status varchar(20) NOT NULL
          CHECK (status IN ('IN_PROGRESS','COMPLETED','PARTIALLY_COMPLETED','FAILED','WITHDRAWN')),
        status_reason varchar(500),
        submitted_at timestamptz NOT NULL,
        ended_at timestamptz,
        idempotency_key varchar(100),
        request_hash char(64),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL,
        CONSTRAINT bundles_ended_chk CHECK ((status = 'IN_PROGRESS') = (ended_at IS NULL))
      )`);
    await q.query(`CREATE INDEX bundles_applicant_idx ON bundles (applicant_sub, submitted_at)`);
    await q.query(
      `CREATE UNIQUE INDEX bundles_idempotency_uq ON bundles (applicant_sub, idempotency_key)
         WHERE idempotency_key IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE bundle_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        bundle_id uuid NOT NULL REFERENCES bundles(id),
        seq int NOT NULL,
        item_code varchar(36) NOT NULL,
        item_name varchar(200) NOT NULL,
        dept_code varchar(18) NOT NULL,
        dept_name varchar(100) NOT NULL,
        depends_on text[] NOT NULL,
        outcome varchar(12) NOT NULL
          CHECK (outcome IN ('PENDING','STARTED','COMPLETED','FAILED','WITHDRAWN','CANCELLED')),
        case_no varchar(50) UNIQUE REFERENCES cases(case_no),
        done_result varchar(1),
        licence_id varchar(120),
        reason varchar(500),
        started_at timestamptz,
        ended_at timestamptz,
        CONSTRAINT bundle_members_item_uq UNIQUE (bundle_id, item_code),
        CONSTRAINT bundle_members_case_chk CHECK ((case_no IS NULL) = (started_at IS NULL))
      )`);
    await q.query(`CREATE INDEX bundle_members_dept_idx ON bundle_members (dept_code, bundle_id)`);
    await q.query(`
      CREATE TABLE bundle_no_counters (
        region varchar(6) NOT NULL,
        day varchar(8) NOT NULL,
        seq int NOT NULL,
        PRIMARY KEY (region, day)
      )`);
    await q.query(`CREATE SEQUENCE bundle_uscc_seq START 1 MAXVALUE 99999999`);
    for (const d of SEED_BUNDLES) {
      await q.query(
        `INSERT INTO bundle_definitions (code, name, description, form_fields, materials, members, mapping,
           material_mapping, enterprise, version, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, 'seed')`,
        [
          d.code,
          d.name,
          d.description,
          JSON.stringify(d.formFields),
          JSON.stringify(d.materials),
          JSON.stringify(d.members),
          JSON.stringify(d.mapping),
          JSON.stringify(d.materialMapping),
          d.enterprise ? JSON.stringify(d.enterprise) : null,
        ],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SEQUENCE bundle_uscc_seq`);
    await q.query(`DROP TABLE bundle_no_counters`);
    await q.query(`DROP TABLE bundle_members`);
    await q.query(`DROP TABLE bundles`);
    await q.query(`DROP TABLE bundle_definitions`);
  }
}
