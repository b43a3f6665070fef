import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * 差评整改 work order: one per bad review, handled by the case's department through the states of
 * work-order-state.ts. The columns after `createdAt` summarise the steps; every step is also a history row.
 */
@Entity('bad_review_orders')
export class BadReviewOrderEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'review_id', type: 'uuid', unique: true }) reviewId!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ type: 'int' }) satisfaction!: number;
  /** WorkOrderStatus */
  @Column({ length: 30 }) status!: string;
  @Column({ name: 'rectify_due_date', type: 'date' }) rectifyDueDate!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  /** 回访核实 */
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true }) verifiedAt!: Date | null;
  /** RECTIFIED (整改到位) or EXPLAINED (解释说明): the 整改 clock stopped at `rectifiedAt`. */
  @Column({ type: 'varchar', length: 20, nullable: true }) outcome!: string | null;
  /** IMMEDIATE (立行立改) or SCHEDULED (台账/限期整改); null for EXPLAINED. */
  @Column({ name: 'rectify_mode', type: 'varchar', length: 20, nullable: true }) rectifyMode!: string | null;
  @Column({ name: 'rectified_at', type: 'timestamptz', nullable: true }) rectifiedAt!: Date | null;
  /** MISTAKEN (误评) or MALICIOUS (恶意差评). */
  @Column({ name: 'appeal_reason', type: 'varchar', length: 20, nullable: true }) appealReason!:
    string | null;
  @Column({ name: 'appealed_at', type: 'timestamptz', nullable: true }) appealedAt!: Date | null;
  /** UPHELD (差评维持) or VOIDED (差评作废). */
  @Column({ name: 'appeal_decision', type: 'varchar', length: 20, nullable: true }) appealDecision!:
    string | null;
  @Column({ name: 'appeal_decided_at', type: 'timestamptz', nullable: true }) appealDecidedAt!: Date | null;
  @Column({ name: 'followed_up_at', type: 'timestamptz', nullable: true }) followedUpAt!: Date | null;
  @Column({ name: 'rater_satisfied', type: 'boolean', nullable: true }) raterSatisfied!: boolean | null;
  /** FOLLOWED_UP or VOIDED. */
  @Column({ type: 'varchar', length: 20, nullable: true }) closure!: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
}
