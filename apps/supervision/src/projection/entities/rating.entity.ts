import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A 好差评 rating as evaluation published it. */
@Entity('sup_reviews')
export class ReviewFactEntity {
  @PrimaryColumn({ name: 'review_id', type: 'uuid' }) reviewId!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ name: 'item_code', length: 50 }) itemCode!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ type: 'int' }) satisfaction!: number;
  /** 评价渠道; 7 系统默认评价 */
  @Column({ length: 1 }) pf!: string;
  @Column({ name: 'assess_number', type: 'int' }) assessNumber!: number;
  @Column({ name: 'assess_time', type: 'timestamptz' }) assessTime!: Date;
}

/** A 差评整改 work order as evaluation published it. */
@Entity('sup_bad_reviews')
export class BadReviewFactEntity {
  @PrimaryColumn({ name: 'work_order_id', type: 'uuid' }) workOrderId!: string;
  @Column({ name: 'review_id', type: 'uuid' }) reviewId!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  /** null until the opened event arrives (a later event of the order came first). */
  @Column({ type: 'int', nullable: true }) satisfaction!: number | null;
  @Column({ name: 'rectify_due_date', type: 'date', nullable: true }) rectifyDueDate!: string | null;
  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true }) openedAt!: Date | null;
  /** RECTIFIED or EXPLAINED, when evaluation said so. */
  @Column({ type: 'varchar', length: 10, nullable: true }) outcome?: string | null;
  @Column({ name: 'rectification_mode', type: 'varchar', length: 10, nullable: true }) rectificationMode?:
    string | null;
  @Column({ name: 'rectified_at', type: 'timestamptz', nullable: true }) rectifiedAt?: Date | null;
  /** FOLLOWED_UP (回访 done, closed) or VOIDED (appeal upheld: out of the statistics). */
  @Column({ type: 'varchar', length: 12, nullable: true }) closure?: string | null;
  @Column({ name: 'rater_satisfied', type: 'boolean', nullable: true }) raterSatisfied?: boolean | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt?: Date | null;
}
