import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A 首席代表 authorisation may name its holder (the chief's subject): then only that person may use it.
 * Authorisations granted before name nobody and stay usable by any chief of the department.
 */
export class ChiefHolder1732400000270 implements MigrationInterface {
  name = 'ChiefHolder1732400000270';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE chief_authorisations ADD COLUMN holder_sub varchar(100)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE chief_authorisations DROP COLUMN holder_sub`);
  }
}
