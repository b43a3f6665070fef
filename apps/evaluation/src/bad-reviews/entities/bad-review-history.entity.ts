import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One step of a work order's life: who did what, when, from which state to which, and what they wrote. */
@Entity('bad_review_order_history')
export class BadReviewHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId!: string;
  /** WorkOrderAction */
  @Column({ type: 'varchar', length: 20 }) action!: string;
  /** null for the opening (转办) */
  @Column({ name: 'from_status', type: 'varchar', length: 30, nullable: true }) fromStatus!: string | null;
  @Column({ name: 'to_status', type: 'varchar', length: 30 }) toStatus!: string;
  @Column({ name: 'actor_sub', length: 100 }) actorSub!: string;
  @Column({ name: 'actor_name', type: 'varchar', length: 100, nullable: true }) actorName!: string | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) note!: string | null;
  /** The command's structured input (mode, reason, decision, contacted, raterSatisfied). */
  @Column({ type: 'jsonb', default: () => "'{}'" }) details!: Record<string, unknown>;
  @Column({ type: 'timestamptz' }) at!: Date;
}
