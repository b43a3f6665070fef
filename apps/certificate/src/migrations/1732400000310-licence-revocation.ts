import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 注销 of a licence (issue 8, 告知承诺制): when and why a licence was revoked, and the event that did it
 * (intake.case.post-check-failed.v1). A revoked licence keeps its file and signature; verification then
 * answers REVOKED.
 */
export class LicenceRevocation1732400000310 implements MigrationInterface {
  name = 'LicenceRevocation1732400000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE licences ADD COLUMN revoked_at timestamptz`);
    await q.query(`ALTER TABLE licences ADD COLUMN revocation_reason varchar(1000)`);
    await q.query(`CREATE INDEX licences_case_idx ON licences (case_no)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX licences_case_idx`);
    await q.query(`ALTER TABLE licences DROP COLUMN revocation_reason`);
    await q.query(`ALTER TABLE licences DROP COLUMN revoked_at`);
  }
}
