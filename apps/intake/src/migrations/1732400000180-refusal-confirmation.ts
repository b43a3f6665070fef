import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 窗口无否决权 with a time limit: a clerk's 拟不予受理 records when the chief's confirmation or overturn is
 * due (REFUSAL_CONFIRM_WORKDAYS working days), and the sweep marks a proposal left undecided past it once
 * (`refusal_overdue_at`): the case stays REFUSAL_PROPOSED and is escalated, never decided by default.
 */
export class RefusalConfirmation1732400000180 implements MigrationInterface {
  name = 'RefusalConfirmation1732400000180';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN refusal_confirm_due_at timestamptz`);
    await q.query(`ALTER TABLE cases ADD COLUMN refusal_overdue_at timestamptz`);
    // Proposals already waiting: one working day is at least one calendar day from the proposal.
    await q.query(
      `UPDATE cases SET refusal_confirm_due_at = refusal_proposed_at + interval '1 day'
       WHERE status = 'REFUSAL_PROPOSED' AND refusal_proposed_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX cases_refusal_overdue_idx ON cases (refusal_confirm_due_at)
         WHERE status = 'REFUSAL_PROPOSED' AND refusal_overdue_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_refusal_overdue_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN refusal_overdue_at`);
    await q.query(`ALTER TABLE cases DROP COLUMN refusal_confirm_due_at`);
  }
}
