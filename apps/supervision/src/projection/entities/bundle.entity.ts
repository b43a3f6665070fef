import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One member's run in a bundle, as the bundle's end event reported it. */
export interface BundleMemberRun {
  itemCode: string;
  deptCode: string;
  outcome: string;
  caseNo: string | null;
  startedAt: string | null;
  endedAt: string | null;
}

/** A 一件事 bundle (one application fanning out to member cases), from intake's bundle events. */
@Entity('sup_bundles')
export class BundleEntity {
  @PrimaryColumn({ name: 'bundle_no', length: 30 }) bundleNo!: string;
  @Column({ name: 'region_code', type: 'varchar', length: 6, nullable: true }) regionCode!: string | null;
  @Column({ name: 'definition_code', length: 40 }) definitionCode!: string;
  @Column({ name: 'definition_name', type: 'varchar', length: 100, nullable: true }) definitionName!:
    string | null;
  @Column({ name: 'dept_codes', type: 'text', array: true }) deptCodes!: string[];
  @Column({ name: 'item_codes', type: 'text', array: true }) itemCodes!: string[];
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  /** COMPLETED, PARTIALLY_COMPLETED, FAILED, WITHDRAWN; null while it runs. */
  @Column({ type: 'varchar', length: 20, nullable: true }) state!: string | null;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  @Column({ type: 'jsonb', nullable: true }) members!: BundleMemberRun[] | null;
}
