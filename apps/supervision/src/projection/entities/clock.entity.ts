import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ClockKind, Light } from '@app/shared/contracts';

/**
 * One deadline carried by events, with its 电子监察 light. The light and the remaining working days are
 * written by the sweeper only; consumers open, move, pause and close clocks and ask for a recheck.
 */
@Entity('sup_clocks')
export class ClockEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: ClockKind;
  @Column({ length: 80 }) ref!: string;
  @Column({ length: 100 }) label!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ name: 'item_code', type: 'varchar', length: 50, nullable: true }) itemCode!: string | null;
  /** The due date as its owner last published it (Asia/Shanghai business date). */
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  /** Shanghai date a running pause (特别程序) started; the clock stands still while set. */
  @Column({ name: 'paused_since', type: 'date', nullable: true }) pausedSince!: string | null;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'close_reason', type: 'varchar', length: 40, nullable: true }) closeReason!: string | null;
  @Column({ type: 'varchar', length: 6, nullable: true }) light!: Light | null;
  @Column({ name: 'remaining_working_days', type: 'int', nullable: true }) remainingWorkingDays!:
    number | null;
  /** The due date with a running pause counted in (what the light was computed against). */
  @Column({ name: 'effective_due_date', type: 'date', nullable: true }) effectiveDueDate!: string | null;
  @Column({ name: 'light_changed_at', type: 'timestamptz', nullable: true }) lightChangedAt!: Date | null;
  /** The sweeper recomputes the light from this instant on (next Shanghai midnight, or now after a change). */
  @Column({ name: 'check_after', type: 'timestamptz' }) checkAfter!: Date;
}
