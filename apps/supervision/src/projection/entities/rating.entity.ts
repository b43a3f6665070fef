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
  @Column({ type: 'int' }) satisfaction!: number;
  @Column({ name: 'rectify_due_date', type: 'date' }) rectifyDueDate!: string;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
}
