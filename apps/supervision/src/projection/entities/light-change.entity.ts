import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The history of a clock's lights (each row was published once as supervision.case.light-changed). */
@Entity('sup_light_changes')
export class LightChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'clock_id', type: 'uuid' }) clockId!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ name: 'previous_light', type: 'varchar', length: 6, nullable: true }) previousLight!:
    string | null;
  @Column({ type: 'varchar', length: 6 }) light!: string;
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ name: 'remaining_working_days', type: 'int' }) remainingWorkingDays!: number;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt!: Date;
}
