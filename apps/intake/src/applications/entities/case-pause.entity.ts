import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Why a case's clock stood still: 补正 (SPECIALNODE noderesult 1 补齐补正). */
export const PAUSE_REASONS = { SUPPLEMENT: 'SUPPLEMENT' } as const;

/** One stop of a case's clock (计时暂停 … 计时恢复); `endedAt` null while it lasts. */
@Entity('case_pauses')
export class CasePauseEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ length: 20 }) reason!: string;
  /** The 补正 notice behind the pause. */
  @Column({ name: 'notice_no', type: 'varchar', length: 60, nullable: true }) noticeNo!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  /** Working days in (start date, end date] (Asia/Shanghai), set when the pause ends. */
  @Column({ name: 'working_days', type: 'int', nullable: true }) workingDays!: number | null;
}
