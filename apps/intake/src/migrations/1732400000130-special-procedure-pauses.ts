import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 特别程序 on the case clock: approval's suspensions (听证, 公示, 核实, 检验检测, 专家评审) are pauses of the
 * case too, with the procedure they stand for (one pause per procedure).
 */
export class SpecialProcedurePauses1732400000130 implements MigrationInterface {
  name = 'SpecialProcedurePauses1732400000130';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_pauses
        DROP CONSTRAINT case_pauses_reason_check,
        ADD COLUMN procedure_id uuid,
        ADD COLUMN procedure_type varchar(1),
        ADD COLUMN procedure_type_name varchar(20),
        ADD COLUMN procedure_reason varchar(1000),
        ADD COLUMN expected_end_date date,
        ADD COLUMN procedure_result varchar(1000)`);
    await q.query(`
      ALTER TABLE case_pauses
        ADD CONSTRAINT case_pauses_reason_check CHECK (reason IN ('SUPPLEMENT','SPECIAL_PROCEDURE')),
        ADD CONSTRAINT case_pauses_procedure_chk CHECK (
          (reason = 'SPECIAL_PROCEDURE') = (procedure_id IS NOT NULL AND procedure_type IS NOT NULL))`);
    await q.query(
      `CREATE UNIQUE INDEX case_pauses_procedure_uq ON case_pauses (procedure_id) WHERE procedure_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM case_pauses WHERE reason = 'SPECIAL_PROCEDURE'`);
    await q.query(`DROP INDEX case_pauses_procedure_uq`);
    await q.query(`
      ALTER TABLE case_pauses
        DROP CONSTRAINT case_pauses_procedure_chk,
        DROP CONSTRAINT case_pauses_reason_check,
        DROP COLUMN procedure_result,
        DROP COLUMN expected_end_date,
        DROP COLUMN procedure_reason,
        DROP COLUMN procedure_type_name,
        DROP COLUMN procedure_type,
        DROP COLUMN procedure_id`);
    await q.query(
      `ALTER TABLE case_pauses ADD CONSTRAINT case_pauses_reason_check CHECK (reason IN ('SUPPLEMENT'))`,
    );
  }
}
