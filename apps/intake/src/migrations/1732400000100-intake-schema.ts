import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_ITEMS, taskCodeOf } from '../catalog/seed-items';

export class IntakeSchema1732400000100 implements MigrationInterface {
  name = 'IntakeSchema1732400000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_code varchar(36) NOT NULL UNIQUE,
        catalog_code varchar(12) NOT NULL,
        name varchar(200) NOT NULL,
        task_type varchar(2) NOT NULL,
        dept_code varchar(18) NOT NULL,
        dept_name varchar(100) NOT NULL,
        legal_limit int NOT NULL,
        legal_unit varchar(1) NOT NULL,
        promise_limit int NOT NULL,
        promise_unit varchar(1) NOT NULL,
        project_type varchar(1) NOT NULL CHECK (project_type IN ('1','2')),
        visit_count int NOT NULL,
        server_types text[] NOT NULL,
        materials jsonb NOT NULL,
        form_fields jsonb NOT NULL,
        yields_licence boolean NOT NULL,
        licence_type_code varchar(21),
        licence_type_name varchar(100),
        licence_valid_years int,
        status varchar(1) NOT NULL,
        item_version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (NOT yields_licence OR licence_type_code IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX service_items_dept_idx ON service_items (dept_code)`);
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_no varchar(50) NOT NULL UNIQUE,
        item_id uuid NOT NULL REFERENCES service_items(id),
        item_code varchar(36) NOT NULL,
        item_name varchar(200) NOT NULL,
        dept_code varchar(18) NOT NULL,
        dept_name varchar(100) NOT NULL,
        task_type varchar(2) NOT NULL,
        project_type varchar(1) NOT NULL,
        applicant_sub varchar(100) NOT NULL,
        applicant_user_prop varchar(1) NOT NULL,
        applicant_name varchar(200) NOT NULL,
        applicant_cert_type varchar(3) NOT NULL,
        applicant_cert_no varchar(64) NOT NULL,
        applicant_cert_masked varchar(64) NOT NULL,
        applicant_cert_hash varchar(64) NOT NULL,
        contact_phone varchar(20),
        form_data jsonb NOT NULL,
        materials jsonb NOT NULL,
        submit_channel varchar(1) NOT NULL,
        status varchar(20) NOT NULL,
        submitted_at timestamptz NOT NULL,
        accept_doc_no varchar(60) UNIQUE,
        accepted_at timestamptz,
        accepted_by varchar(100),
        promise_date date,
        not_accepted_reason varchar(500),
        done_result varchar(1),
        done_at timestamptz,
        licence_id varchar(120),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL
      )`);
    await q.query(`CREATE INDEX cases_applicant_idx ON cases (applicant_sub, submitted_at DESC)`);
    await q.query(`CREATE INDEX cases_dept_status_idx ON cases (dept_code, status, submitted_at DESC)`);
    await q.query(`
      CREATE TABLE case_timeline (
        id bigserial PRIMARY KEY,
        case_no varchar(50) NOT NULL REFERENCES cases(case_no),
        action varchar(40) NOT NULL,
        title_zh varchar(100) NOT NULL,
        title_en varchar(100) NOT NULL,
        actor varchar(100),
        detail jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        source_event_id uuid UNIQUE
      )`);
    await q.query(`CREATE INDEX case_timeline_case_idx ON case_timeline (case_no, id)`);
    await q.query(`
      CREATE TABLE case_no_counters (
        region varchar(6) NOT NULL,
        day varchar(8) NOT NULL,
        seq int NOT NULL,
        PRIMARY KEY (region, day)
      )`);
    for (const it of SEED_ITEMS) {
      await q.query(
        `INSERT INTO service_items (task_code, catalog_code, name, task_type, dept_code, dept_name, legal_limit, legal_unit,
           promise_limit, promise_unit, project_type, visit_count, server_types, materials, form_fields, yields_licence,
           licence_type_code, licence_type_name, licence_valid_years, status)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,'2')`,
        [
          taskCodeOf(it),
          it.catalogCode,
          it.name,
          it.taskType,
          it.deptCode,
          it.deptName,
          it.legalLimit,
          it.legalUnit,
          it.promiseLimit,
          it.promiseUnit,
          it.projectType,
          it.visitCount,
          it.serverTypes,
          JSON.stringify(it.materials),
          JSON.stringify(it.formFields),
          it.licence !== null,
          it.licence?.typeCode ?? null,
          it.licence?.typeName ?? null,
          it.licence?.validYears ?? null,
        ],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_no_counters`);
    await q.query(`DROP TABLE case_timeline`);
    await q.query(`DROP TABLE cases`);
    await q.query(`DROP TABLE service_items`);
  }
}
