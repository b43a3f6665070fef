import { MigrationInterface, QueryRunner } from 'typeorm';

/** A client's Idempotency-Key on submission: one case per (applicant, key), whatever the retries. */
export class CaseIdempotency1732400000102 implements MigrationInterface {
  name = 'CaseIdempotency1732400000102';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE cases ADD COLUMN idempotency_key varchar(100), ADD COLUMN request_hash char(64)`,
    );
    await q.query(
      `CREATE UNIQUE INDEX cases_idempotency_uq ON cases (applicant_sub, idempotency_key)
         WHERE idempotency_key IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_idempotency_uq`);
    await q.query(`ALTER TABLE cases DROP COLUMN request_hash, DROP COLUMN idempotency_key`);
  }
}
