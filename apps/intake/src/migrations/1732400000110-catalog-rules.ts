import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  CatalogRulesElements,
  ENTERPRISE_SETUP_V2,
  EXISTING_ITEM_RULES,
  NEW_ITEMS,
} from '../catalog/seed-catalog-rules';

const SEED_ACTOR = 'migration:1732400000110';

async function insertItem(
  q: QueryRunner,
  it: CatalogRulesElements & { taskCode: string },
  version: number,
): Promise<void> {
  await q.query(
    `INSERT INTO service_items (task_code, catalog_code, name, task_type, dept_code, dept_name, legal_limit,
       legal_unit, promise_limit, promise_unit, project_type, visit_count, server_types, materials, form_fields,
       yields_licence, licence_type_code, licence_type_name, licence_valid_years, legal_basis, online_depth,
       visit_reason, supplement_limit, supplement_days, post_check_days, status, item_version, published_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,'2',$26,now())`,
    [
      it.taskCode,
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
      it.yieldsLicence,
      it.licenceTypeCode,
      it.licenceTypeName,
      it.licenceValidYears,
      it.legalBasis,
      it.onlineDepth,
      it.visitReason,
      it.supplementLimit,
      it.supplementDays,
      it.postCheckDays,
      version,
    ],
  );
}

/**
 * The catalog drives the rules: each item declares 容缺 / 告知承诺 / 补正 rules, 设定依据, 网上办理深度 and
 * 必须现场办理原因; items are versioned (a row per version, at most one published and one draft per
 * 实施编码; 状态 0 待提交, 2 已发布, 4 已替代) and every write is audited in catalog_audit. Existing rows are
 * kept: their materials gain the new flags (key = required, nothing deferrable or replaceable by a
 * commitment), their depth follows their visits. Seeds the 企业开办 items (税务, 住房公积金) and 企业设立登记
 * version 2 (告知承诺).
 */
export class CatalogRules1732400000110 implements MigrationInterface {
  name = 'CatalogRules1732400000110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_items
        ADD COLUMN legal_basis varchar(2000),
        ADD COLUMN online_depth varchar(1),
        ADD COLUMN visit_reason varchar(500),
        ADD COLUMN supplement_limit int NOT NULL DEFAULT 1,
        ADD COLUMN supplement_days int NOT NULL DEFAULT 10,
        ADD COLUMN post_check_days int,
        ADD COLUMN published_at timestamptz`);
    // Existing rows: the new material flags with neutral values (a flag already there wins).
    await q.query(`
      UPDATE service_items SET materials = (
        SELECT coalesce(jsonb_agg(jsonb_build_object(
                 'key', coalesce(m->'key', m->'required', 'true'::jsonb),
                 'deferrable', 'false'::jsonb,
                 'deferDays', 'null'::jsonb,
                 'commitmentAllowed', 'false'::jsonb) || m ORDER BY ord), '[]'::jsonb)
        FROM jsonb_array_elements(materials) WITH ORDINALITY AS t(m, ord))`);
    await q.query(`
      UPDATE service_items SET
        online_depth = CASE WHEN visit_count = 0 THEN '4' ELSE '3' END,
        visit_reason = CASE WHEN visit_count = 0 THEN NULL ELSE '需到现场核验身份及材料原件' END,
        published_at = CASE WHEN status = '2' THEN created_at END`);
    for (const r of EXISTING_ITEM_RULES) {
      await q.query(
        `UPDATE service_items SET legal_basis = $2, visit_reason = coalesce($3, visit_reason) WHERE task_code = $1`,
        [r.taskCode, r.legalBasis, r.visitReason ?? null],
      );
    }
    await q.query(`ALTER TABLE service_items ALTER COLUMN online_depth SET NOT NULL`);
    await q.query(`ALTER TABLE service_items DROP CONSTRAINT service_items_task_code_key`);
    await q.query(`
      ALTER TABLE service_items
        ADD CONSTRAINT service_items_task_version_uq UNIQUE (task_code, item_version),
        ADD CONSTRAINT service_items_status_chk CHECK (status IN ('0','2','4')),
        ADD CONSTRAINT service_items_online_depth_chk CHECK (online_depth IN ('1','2','3','4')),
        ADD CONSTRAINT service_items_rules_chk CHECK (visit_count >= 0 AND supplement_limit >= 0
          AND supplement_days >= 1 AND (post_check_days IS NULL OR post_check_days >= 1)),
        ADD CONSTRAINT service_items_full_online_chk CHECK (online_depth <> '4' OR visit_count = 0),
        ADD CONSTRAINT service_items_immediate_chk CHECK ((project_type = '1') = (promise_limit = 0))`);
    await q.query(`
      CREATE TABLE catalog_audit (
        id bigserial PRIMARY KEY,
        item_id uuid NOT NULL REFERENCES service_items(id),
        task_code varchar(36) NOT NULL,
        item_version int NOT NULL,
        action varchar(20) NOT NULL
          CHECK (action IN ('SEED','CREATE','UPDATE','NEW_VERSION','PUBLISH','SUPERSEDE')),
        actor_sub varchar(100) NOT NULL,
        actor_name varchar(200),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX catalog_audit_task_idx ON catalog_audit (task_code, id)`);
    await q.query(`CREATE INDEX catalog_audit_item_idx ON catalog_audit (item_id)`);
    // 企业设立登记 version 2 (告知承诺) replaces version 1, which stays for the cases filed under it.
    await q.query(`UPDATE service_items SET status = '4' WHERE task_code = $1 AND status = '2'`, [
      ENTERPRISE_SETUP_V2.taskCode,
    ]);
    const [{ next }] = (await q.query(
      `SELECT coalesce(max(item_version), 0) + 1 AS next FROM service_items WHERE task_code = $1`,
      [ENTERPRISE_SETUP_V2.taskCode],
    )) as Array<{ next: number }>;
    await insertItem(q, ENTERPRISE_SETUP_V2, next);
    for (const it of NEW_ITEMS) await insertItem(q, it, 1);
    await q.query(
      `CREATE UNIQUE INDEX service_items_published_uq ON service_items (task_code) WHERE status = '2'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX service_items_draft_uq ON service_items (task_code) WHERE status = '0'`,
    );
    await q.query(
      `INSERT INTO catalog_audit (item_id, task_code, item_version, action, actor_sub, actor_name, detail)
       SELECT id, task_code, item_version, 'SEED', $1, NULL, jsonb_build_object('status', status)
       FROM service_items ORDER BY task_code, item_version`,
      [SEED_ACTOR],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE catalog_audit`);
    await q.query(`DROP INDEX service_items_draft_uq`);
    await q.query(`DROP INDEX service_items_published_uq`);
    // Versions after the first go (fails, as it should, when a case references one of them).
    await q.query(`DELETE FROM service_items WHERE item_version > 1 OR task_code = ANY($1)`, [
      NEW_ITEMS.map((i) => i.taskCode),
    ]);
    await q.query(`UPDATE service_items SET status = '2' WHERE status = '4'`);
    await q.query(`DELETE FROM service_items WHERE status <> '2'`);
    await q.query(`
      ALTER TABLE service_items
        DROP CONSTRAINT service_items_immediate_chk,
        DROP CONSTRAINT service_items_full_online_chk,
        DROP CONSTRAINT service_items_rules_chk,
        DROP CONSTRAINT service_items_online_depth_chk,
        DROP CONSTRAINT service_items_status_chk,
        DROP CONSTRAINT service_items_task_version_uq,
        ADD CONSTRAINT service_items_task_code_key UNIQUE (task_code)`);
    await q.query(`
      ALTER TABLE service_items
        DROP COLUMN published_at, DROP COLUMN post_check_days, DROP COLUMN supplement_days,
        DROP COLUMN supplement_limit, DROP COLUMN visit_reason, DROP COLUMN online_depth,
        DROP COLUMN legal_basis`);
  }
}
