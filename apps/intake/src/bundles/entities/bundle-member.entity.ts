import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { BundleMemberOutcome } from '@app/shared/contracts';
import { BundleEntity } from './bundle.entity';

/**
 * One member of a bundle: waiting for its dependencies (PENDING, no case yet), running (STARTED, its case
 * in its own department), or ended (COMPLETED, FAILED, WITHDRAWN; CANCELLED = never started). The start
 * and end times show which members ran at the same time.
 */
@Entity('bundle_members')
export class BundleMemberEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'bundle_id', type: 'uuid' }) bundleId!: string;
  @ManyToOne(() => BundleEntity, (b) => b.members)
  @JoinColumn({ name: 'bundle_id' })
  bundle?: BundleEntity;
  /** Position in the definition (display order). */
  @Column({ type: 'int' }) seq!: number;
  @Column({ name: 'item_code', length: 36 }) itemCode!: string;
  @Column({ name: 'item_name', length: 200 }) itemName!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ name: 'dept_name', length: 100 }) deptName!: string;
  @Column({ name: 'depends_on', type: 'text', array: true }) dependsOn!: string[];
  @Column({ type: 'varchar', length: 12 }) outcome!: BundleMemberOutcome;
  @Column({ name: 'case_no', type: 'varchar', length: 50, nullable: true, unique: true }) caseNo!:
    string | null;
  @Column({ name: 'done_result', type: 'varchar', length: 1, nullable: true }) doneResult!: string | null;
  @Column({ name: 'licence_id', type: 'varchar', length: 120, nullable: true }) licenceId!: string | null;
  /** Why it failed or was cancelled. */
  @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
}
