import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Why a case's clock stood still: 补正 (SPECIALNODE noderesult 1 补齐补正), or a 特别程序 of approval
 * (noderesult 6: 听证, 公示, 核实, 检验检测, 专家评审).
 */
export const PAUSE_REASONS = { SUPPLEMENT: 'SUPPLEMENT', SPECIAL_PROCEDURE: 'SPECIAL_PROCEDURE' } as const;

/** The 特别程序 behind a SPECIAL_PROCEDURE pause, as approval announced it. */
export interface SpecialProcedureStart {
  procedureId: string;
  /** 2 听证, 3 公示, 4 核实, 7 检验检测, 8 专家评审 */
  type: string;
  typeName: string;
  reason: string;
  expectedEndDate: string;
}

/** One stop of a case's clock (计时暂停 … 计时恢复); `endedAt` null while it lasts. */
@Entity('case_pauses')
export class CasePauseEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  /** The kind of pause (PAUSE_REASONS). */
  @Column({ length: 20 }) reason!: string;
  /** The 补正 notice behind the pause. */
  @Column({ name: 'notice_no', type: 'varchar', length: 60, nullable: true }) noticeNo!: string | null;
  /** The approval's 特别程序 behind the pause (SPECIAL_PROCEDURE). */
  @Column({ name: 'procedure_id', type: 'uuid', nullable: true }) procedureId!: string | null;
  @Column({ name: 'procedure_type', type: 'varchar', length: 1, nullable: true }) procedureType!:
    string | null;
  @Column({ name: 'procedure_type_name', type: 'varchar', length: 20, nullable: true })
  procedureTypeName!: string | null;
  @Column({ name: 'procedure_reason', type: 'varchar', length: 1000, nullable: true })
  procedureReason!: string | null;
  /** Expected last day of the 特别程序 (Asia/Shanghai). */
  @Column({ name: 'expected_end_date', type: 'date', nullable: true }) expectedEndDate!: string | null;
  /** 特别程序结果, once it ended. */
  @Column({ name: 'procedure_result', type: 'varchar', length: 1000, nullable: true })
  procedureResult!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  /** Working days in (start date, end date] (Asia/Shanghai), set when the pause ends. */
  @Column({ name: 'working_days', type: 'int', nullable: true }) workingDays!: number | null;
}
