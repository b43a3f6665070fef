import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CATALOG_AUDIT_ACTIONS = [
  'SEED',
  'CREATE',
  'UPDATE',
  'NEW_VERSION',
  'PUBLISH',
  'SUPERSEDE',
] as const;
export type CatalogAuditAction = (typeof CATALOG_AUDIT_ACTIONS)[number];

/** Append-only trail of every write to the catalog: who, when, what (one row per item version touched). */
@Entity('catalog_audit')
export class CatalogAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column({ name: 'task_code', length: 36 }) taskCode!: string;
  @Column({ name: 'item_version', type: 'int' }) itemVersion!: number;
  @Column({ type: 'varchar', length: 20 }) action!: CatalogAuditAction;
  @Column({ name: 'actor_sub', length: 100 }) actorSub!: string;
  @Column({ name: 'actor_name', type: 'varchar', length: 200, nullable: true }) actorName!: string | null;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  /** What changed: the elements (CREATE), `{changes: {field: {from, to}}}` (UPDATE), the related version. */
  @Column({ type: 'jsonb' }) detail!: Record<string, unknown>;
}
