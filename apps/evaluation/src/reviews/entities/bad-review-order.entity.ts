import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** 差评整改 work order (states per docs/standards.md; this slice creates them). */
@Entity('bad_review_orders')
export class BadReviewOrderEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'review_id', type: 'uuid', unique: true }) reviewId!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ type: 'int' }) satisfaction!: number;
  @Column({ length: 30 }) status!: string;
  @Column({ name: 'rectify_due_date', type: 'date' }) rectifyDueDate!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
