import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Local projection of intake.case.completed: the cases that may be rated, and by whom. */
@Entity('ratable_cases')
export class RatableCaseEntity {
  @PrimaryColumn({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ name: 'item_code', length: 36 }) itemCode!: string;
  @Column({ name: 'item_name', length: 200 }) itemName!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ name: 'dept_name', length: 100 }) deptName!: string;
  @Column({ name: 'applicant_sub', length: 100 }) applicantSub!: string;
  @Column({ name: 'project_type', length: 1 }) projectType!: string;
  @Column({ name: 'done_result', length: 1 }) doneResult!: string;
  @Column({ name: 'completed_at', type: 'timestamptz' }) completedAt!: Date;
  @Column({ name: 'rating_deadline', type: 'timestamptz' }) ratingDeadline!: Date;
}
