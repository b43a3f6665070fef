import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 好差评 rating: one per case, stage and assessment number (首次/二次评价). */
@Entity('reviews')
export class ReviewEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  /** 评价环节; this slice rates the completed case (一事一评). */
  @Column({ length: 20 }) stage!: string;
  /** satisfaction 1–5 */
  @Column({ type: 'int' }) satisfaction!: number;
  /** 评价渠道 pf */
  @Column({ length: 1 }) pf!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) comment!: string | null;
  @Column({ name: 'eval_detail', type: 'text', array: true, default: () => "'{}'" }) evalDetail!: string[];
  @Column({ name: 'assess_number', type: 'int' }) assessNumber!: number;
  @Column({ name: 'rater_sub', length: 100 }) raterSub!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
