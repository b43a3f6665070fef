import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 容缺受理 (issue 8): the materials an accepted case still owes (from intake.application.accepted.v1, each
 * marked supplied by intake.application.owed-materials-supplied.v1); the last step waits until none is
 * outstanding. A supply may overtake the acceptance (two topics, no order between them): it is remembered
 * in owed_supplies_before_opening and applied when the case opens.
 */
export class OwedMaterials1732400000250 implements MigrationInterface {
  name = 'OwedMaterials1732400000250';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approval_cases ADD COLUMN owed_materials jsonb NOT NULL DEFAULT '[]'`);
    await q.query(`
      CREATE TABLE owed_supplies_before_opening (
        case_no varchar(50) NOT NULL,
        code varchar(32) NOT NULL,
        supplied_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_no, code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE owed_supplies_before_opening`);
    await q.query(`ALTER TABLE approval_cases DROP COLUMN owed_materials`);
  }
}
