import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const POST_CHECK_STATUS = { PENDING: 'PENDING', PASSED: 'PASSED', FAILED: 'FAILED' } as const;
export type PostCheckStatus = (typeof POST_CHECK_STATUS)[keyof typeof POST_CHECK_STATUS];

/**
 * 事后核查: the department's task to check a 告知承诺 case's commitment within the item's `postCheckDays`
 * working days of 受理. PASSED, or FAILED with a reason (the case's result is then revoked). Not recorded
 * by its deadline, the sweep flags it overdue once (`overdueAt`) and publishes post-check-due.
 */
@Entity('post_checks')
export class PostCheckEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** 核查任务编号 HC<办件编号> */
  @Column({ name: 'post_check_no', length: 60, unique: true }) postCheckNo!: string;
  @Column({ name: 'case_no', length: 50, unique: true }) caseNo!: string;
  @Column({ name: 'commitment_no', length: 60 }) commitmentNo!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ name: 'item_code', length: 36 }) itemCode!: string;
  @Column({ name: 'item_name', length: 200 }) itemName!: string;
  @Column({ name: 'applicant_name', length: 200 }) applicantName!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** Last day of the check (Asia/Shanghai), and its end as an instant. */
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ length: 10 }) status!: PostCheckStatus;
  @Column({ name: 'result_reason', type: 'varchar', length: 1000, nullable: true }) resultReason!:
    string | null;
  @Column({ name: 'checked_by', type: 'varchar', length: 100, nullable: true }) checkedBy!: string | null;
  @Column({ name: 'checked_at', type: 'timestamptz', nullable: true }) checkedAt!: Date | null;
  /** Set once by the sweep when the deadline passed with the task still PENDING. */
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true }) overdueAt!: Date | null;
}
