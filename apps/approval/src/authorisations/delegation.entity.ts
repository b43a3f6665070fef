import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A cross-department delegation (跨部门委托): the approvers (and chiefs, per each step's role) of `toDept`
 * may see and decide the cases of `fromDept` whose item is in `itemCodes`, from `validFrom` until
 * `validTo` (exclusive), unless revoked. `fromDept` keeps its own rights.
 */
@Entity('delegations')
export class DelegationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'from_dept', length: 18 }) fromDept!: string;
  @Column({ name: 'to_dept', length: 18 }) toDept!: string;
  @Column({ name: 'item_codes', type: 'text', array: true }) itemCodes!: string[];
  @Column({ name: 'valid_from', type: 'timestamptz' }) validFrom!: Date;
  @Column({ name: 'valid_to', type: 'timestamptz' }) validTo!: Date;
  @Column({ name: 'granted_by', length: 100 }) grantedBy!: string;
  @Column({ name: 'granted_at', type: 'timestamptz' }) grantedAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoked_by', type: 'varchar', length: 100, nullable: true }) revokedBy!: string | null;
}
