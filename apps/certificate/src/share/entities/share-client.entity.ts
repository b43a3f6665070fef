import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A partner department registered for the 证照共享 interface: its accessId, the hash of its secret, and
 * what it may do (operations) on which licence types (证照类型代码).
 */
@Entity('share_clients')
export class ShareClientEntity {
  @PrimaryColumn({ name: 'access_id', length: 64 }) accessId!: string;
  /** SHA-256 (hex) of the secret; the secret itself is shown once, at creation or rotation. */
  @Column({ name: 'secret_hash', length: 64 }) secretHash!: string;
  @Column({ length: 100 }) name!: string;
  /** 统一社会信用代码 of the partner department (logged as the requester's department). */
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ name: 'dept_name', length: 100 }) deptName!: string;
  @Column({ name: 'cert_type_codes', type: 'text', array: true }) certTypeCodes!: string[];
  @Column({ type: 'text', array: true }) operations!: string[];
  @Column({ default: true }) enabled!: boolean;
  @Column({ name: 'created_by', length: 100 }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'secret_rotated_at', type: 'timestamptz', nullable: true }) secretRotatedAt!: Date | null;
}
