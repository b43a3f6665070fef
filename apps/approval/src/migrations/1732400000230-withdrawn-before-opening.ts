import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Withdrawals that reached approval before the case was opened: accepted and withdrawn travel on two
 * topics, which Kafka does not order against each other, so a withdrawal may overtake its acceptance. The
 * case number is remembered here, and an acceptance arriving later opens nothing.
 */
export class WithdrawnBeforeOpening1732400000230 implements MigrationInterface {
  name = 'WithdrawnBeforeOpening1732400000230';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE withdrawals_before_opening (
        case_no varchar(50) PRIMARY KEY,
        withdrawn_at timestamptz NOT NULL,
        previous_status varchar(30) NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE withdrawals_before_opening`);
  }
}
