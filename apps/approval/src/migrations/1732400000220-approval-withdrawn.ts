import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The WITHDRAWN status: the applicant withdrew the application (intake.application.withdrawn.v1) while
 * approval was under way, so the approval stops without a decision.
 */
export class ApprovalWithdrawn1732400000220 implements MigrationInterface {
  name = 'ApprovalWithdrawn1732400000220';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approval_cases DROP CONSTRAINT approval_cases_status_check`);
    await q.query(`
      ALTER TABLE approval_cases ADD CONSTRAINT approval_cases_status_check
        CHECK (status IN ('OPEN','SUSPENDED','APPROVED','DENIED','WITHDRAWN'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approval_cases DROP CONSTRAINT approval_cases_status_check`);
    await q.query(`
      ALTER TABLE approval_cases ADD CONSTRAINT approval_cases_status_check
        CHECK (status IN ('OPEN','SUSPENDED','APPROVED','DENIED'))`);
  }
}
