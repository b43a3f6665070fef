import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 特别程序 (听证, 公示, 核实, 检验检测, 专家评审) of an approval case: the case's clock stops while it runs. */
@Entity('special_procedures')
export class SpecialProcedureEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'approval_id', type: 'uuid' }) approvalId!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  /** SPECIAL_PROCEDURE_TYPES code */
  @Column({ length: 2 }) type!: string;
  @Column({ length: 1000 }) reason!: string;
  @Column({ name: 'expected_end_date', type: 'date' }) expectedEndDate!: string;
  @Column({ name: 'step_no', type: 'int' }) stepNo!: number;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'started_on', type: 'date' }) startedOn!: string;
  @Column({ name: 'started_by', length: 100 }) startedBy!: string;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  @Column({ name: 'ended_on', type: 'date', nullable: true }) endedOn!: string | null;
  @Column({ name: 'ended_by', type: 'varchar', length: 100, nullable: true }) endedBy!: string | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) result!: string | null;
  @Column({ name: 'paused_working_days', type: 'int', nullable: true }) pausedWorkingDays!: number | null;
}
