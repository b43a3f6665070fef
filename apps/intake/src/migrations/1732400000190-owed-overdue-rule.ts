import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 容缺: the catalog decides how a case ends when an owed material is overdue (issue 8: "the case ends per
 * the item's rule"). Each item version gets `owed_overdue_result`, the 办结结果 doneresult: 5 退件 or
 * 1 不予许可. Existing versions keep today's behaviour (5 退件), which is also the default of new ones.
 */
export class OwedOverdueRule1732400000190 implements MigrationInterface {
  name = 'OwedOverdueRule1732400000190';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE service_items
        ADD COLUMN owed_overdue_result varchar(1) NOT NULL DEFAULT '5'
          CONSTRAINT service_items_owed_overdue_result_chk CHECK (owed_overdue_result IN ('1', '5'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_items DROP COLUMN owed_overdue_result`);
  }
}
