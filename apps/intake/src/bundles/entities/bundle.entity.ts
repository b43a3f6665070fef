import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { SubmittedMaterial } from '../../applications/entities/case.entity';
import type { BundleDefinitionSpec } from '../bundle-definition';
import { BundleMemberEntity } from './bundle-member.entity';

/** Bundle state: running, or how it ended. */
export const BUNDLE_STATUS = {
  IN_PROGRESS: 'IN_PROGRESS',
  COMPLETED: 'COMPLETED',
  PARTIALLY_COMPLETED: 'PARTIALLY_COMPLETED',
  FAILED: 'FAILED',
  WITHDRAWN: 'WITHDRAWN',
} as const;
export type BundleStatus = (typeof BUNDLE_STATUS)[keyof typeof BUNDLE_STATUS];

/**
 * 一件事 application: ONE form filed once, fanning out to member cases in their own departments. Holds
 * what later members need (the form, the materials, the applicant) and the definition it was filed under.
 */
@Entity('bundles')
export class BundleEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** 一件事编号: YJS + 行政区划 6 + yyyyMMdd + 6-digit sequence */
  @Column({ name: 'bundle_no', length: 30, unique: true }) bundleNo!: string;
  @Column({ name: 'definition_code', length: 40 }) definitionCode!: string;
  @Column({ name: 'definition_name', length: 100 }) definitionName!: string;
  @Column({ name: 'definition_version', type: 'int' }) definitionVersion!: number;
  /** The definition as it was when the bundle was filed. */
  @Column({ type: 'jsonb' }) definition!: BundleDefinitionSpec;
  @Column({ name: 'applicant_sub', length: 100 }) applicantSub!: string;
  @Column({ name: 'applicant_user_prop', length: 1 }) applicantUserProp!: string;
  @Column({ name: 'applicant_name', length: 200 }) applicantName!: string;
  @Column({ name: 'applicant_cert_type', length: 3 }) applicantCertType!: string;
  @Column({ name: 'applicant_cert_no', length: 64 }) applicantCertNo!: string;
  @Column({ name: 'applicant_cert_masked', length: 64 }) applicantCertMasked!: string;
  @Column({ name: 'applicant_cert_hash', length: 64 }) applicantCertHash!: string;
  @Column({ name: 'contact_phone', type: 'varchar', length: 20, nullable: true }) contactPhone!:
    string | null;
  /** The enterprise the bundle registers (企业开办): its assigned 统一社会信用代码 and name. */
  @Column({ name: 'enterprise_uscc', type: 'varchar', length: 18, nullable: true }) enterpriseUscc!:
    string | null;
  @Column({ name: 'enterprise_name', type: 'varchar', length: 200, nullable: true }) enterpriseName!:
    string | null;
  @Column({ name: 'form_data', type: 'jsonb' }) formData!: Record<string, string>;
  @Column({ type: 'jsonb' }) materials!: SubmittedMaterial[];
  @Column({ name: 'submit_channel', length: 1 }) submitChannel!: string;
  @Column({ type: 'varchar', length: 20 }) status!: BundleStatus;
  @Column({ name: 'status_reason', type: 'varchar', length: 500, nullable: true }) statusReason!:
    string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt!: Date;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  /** The client's Idempotency-Key of the filing, unique per applicant. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, nullable: true }) idempotencyKey!:
    string | null;
  @Column({ name: 'request_hash', type: 'char', length: 64, nullable: true }) requestHash!: string | null;
  @OneToMany(() => BundleMemberEntity, (m) => m.bundle) members!: BundleMemberEntity[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @VersionColumn() version!: number;
}
