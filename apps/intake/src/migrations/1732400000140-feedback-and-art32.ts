import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "办不成事" feedback: an applicant's written complaint about a case, for the department's chief to answer
 * in writing (首问负责), at most one open per case. And the 行政许可法 Art. 32 flag: a case neither accepted,
 * sent a 补正 notice nor refused within 5 working days of receipt is deemed accepted (`deemed_accepted_at`).
 */
export class FeedbackAndArt321732400000140 implements MigrationInterface {
  name = 'FeedbackAndArt321732400000140';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN deemed_accepted_at timestamptz`);
    await q.query(
      `CREATE INDEX cases_receipt_overdue_idx ON cases (submitted_at)
         WHERE status = 'SUBMITTED' AND deemed_accepted_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE case_feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_no varchar(50) NOT NULL REFERENCES cases(case_no),
        dept_code varchar(18) NOT NULL,
        reason varchar(500) NOT NULL,
        raised_by varchar(100) NOT NULL,
        raised_at timestamptz NOT NULL,
        answer varchar(1000),
        answered_by varchar(100),
        answered_at timestamptz,
        status varchar(10) NOT NULL CHECK (status IN ('OPEN','ANSWERED')),
        CONSTRAINT case_feedback_answer_chk CHECK (
          (status = 'ANSWERED') = (answer IS NOT NULL AND answered_by IS NOT NULL AND answered_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX case_feedback_one_open_uq ON case_feedback (case_no) WHERE status = 'OPEN'`,
    );
    await q.query(`CREATE INDEX case_feedback_dept_idx ON case_feedback (dept_code, status, raised_at)`);
    await q.query(`CREATE INDEX case_feedback_case_idx ON case_feedback (case_no, raised_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_feedback`);
    await q.query(`DROP INDEX cases_receipt_overdue_idx`);
    await q.query(`ALTER TABLE cases DROP COLUMN deemed_accepted_at`);
  }
}
