import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 容缺受理: one material a case was accepted without, owed by the applicant until its due date (the item's
 * `deferDays` working days after 受理). Supplied once (`suppliedAt`); not supplied in time, the case ends
 * as 退件 (`overdueAt` marks the materials the sweep found missing).
 */
@Entity('owed_materials')
export class OwedMaterialEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ length: 10 }) code!: string;
  @Column({ length: 200 }) name!: string;
  @Column({ name: 'owed_at', type: 'timestamptz' }) owedAt!: Date;
  /** Last day to supply (Asia/Shanghai), and its end as an instant. */
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'supplied_at', type: 'timestamptz', nullable: true }) suppliedAt!: Date | null;
  @Column({ name: 'file_name', type: 'varchar', length: 200, nullable: true }) fileName!: string | null;
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true }) overdueAt!: Date | null;
}
