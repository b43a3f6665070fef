import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A 首席代表 authorisation: the chief of `deptCode` may decide every remaining step of the department's
 * cases whose item is in `itemCodes` or whose 事项类型 is in `taskTypes`, from `validFrom` until `validTo`
 * (exclusive), unless revoked.
 */
@Entity('chief_authorisations')
export class ChiefAuthorisationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  /** The 首席代表 it names (JWT subject); null: any chief of the department. */
  @Column({ name: 'holder_sub', type: 'varchar', length: 100, nullable: true }) holderSub!: string | null;
  @Column({ name: 'item_codes', type: 'text', array: true }) itemCodes!: string[];
  @Column({ name: 'task_types', type: 'text', array: true }) taskTypes!: string[];
  @Column({ name: 'valid_from', type: 'timestamptz' }) validFrom!: Date;
  @Column({ name: 'valid_to', type: 'timestamptz' }) validTo!: Date;
  @Column({ name: 'granted_by', length: 100 }) grantedBy!: string;
  @Column({ name: 'granted_at', type: 'timestamptz' }) grantedAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoked_by', type: 'varchar', length: 100, nullable: true }) revokedBy!: string | null;
}
