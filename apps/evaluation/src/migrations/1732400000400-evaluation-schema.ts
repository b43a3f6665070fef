import { MigrationInterface, QueryRunner } from 'typeorm';

export class EvaluationSchema1732400000400 implements MigrationInterface {
  name = 'EvaluationSchema1732400000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ratable_cases (
        case_no varchar(50) PRIMARY KEY,
        item_code varchar(36) NOT NULL,
        item_name varchar(200) NOT NULL,
        dept_code varchar(18) NOT NULL,
        dept_name varchar(100) NOT NULL,
        applicant_sub varchar(100) NOT NULL,
        project_type varchar(1) NOT NULL,
        done_result varchar(1) NOT NULL,
        completed_at timestamptz NOT NULL,
        rating_deadline timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_no varchar(50) NOT NULL REFERENCES ratable_cases(case_no),
        stage varchar(20) NOT NULL,
        satisfaction int NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
        pf varchar(1) NOT NULL,
        comment varchar(500),
        eval_detail text[] NOT NULL DEFAULT '{}',
        assess_number int NOT NULL CHECK (assess_number IN (1, 2)),
        rater_sub varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reviews_one_per_stage UNIQUE (case_no, stage, assess_number),
        CHECK (satisfaction > 2 OR (comment IS NOT NULL AND length(trim(comment)) > 0))
      )`);
    await q.query(`
      CREATE TABLE bad_review_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        review_id uuid NOT NULL UNIQUE REFERENCES reviews(id),
        case_no varchar(50) NOT NULL,
        dept_code varchar(18) NOT NULL,
        satisfaction int NOT NULL,
        status varchar(30) NOT NULL,
        rectify_due_date date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX bad_review_orders_dept_idx ON bad_review_orders (dept_code, status, created_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bad_review_orders`);
    await q.query(`DROP TABLE reviews`);
    await q.query(`DROP TABLE ratable_cases`);
  }
}
