import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A licence's PDF is stored out of line without compression (STORAGE EXTERNAL): its streams and font are
 * already Flate-compressed, so PostgreSQL's default (pglz over the whole ~25 KB, then kept uncompressed
 * because it saved nothing) cost about 0.15 ms of the database's CPU per licence and no space
 * (README Performance). Existing rows keep their storage; new ones are written this way.
 */
export class LicenceFileStorage1732400000330 implements MigrationInterface {
  name = 'LicenceFileStorage1732400000330';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE licences ALTER COLUMN file SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE licences ALTER COLUMN file SET STORAGE EXTENDED`);
  }
}
