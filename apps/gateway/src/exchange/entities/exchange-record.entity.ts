import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { ExchangeKind } from '../mapping/exchange-codes';

export const EXCHANGE_STATES = ['PENDING', 'DELIVERED', 'DEAD'] as const;
export type ExchangeState = (typeof EXCHANGE_STATES)[number];

/**
 * One record to push to the provincial platform (a table row or a 好差评 item), with its delivery state.
 * Records of one case go out in (order_at, pos) order, each only after the one before it was delivered.
 */
@Entity('exchange_records')
export class ExchangeRecordEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'bigint' }) pos!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ type: 'varchar', length: 40 }) kind!: ExchangeKind;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ length: 200 }) topic!: string;
  @Column({ type: 'int' }) seq!: number;
  @Column({ name: 'order_at', type: 'timestamptz' }) orderAt!: Date;
  @Column({ name: 'row_guid', type: 'uuid' }) rowGuid!: string;
  @Column({ name: 'cd_operation', length: 1 }) cdOperation!: string;
  @Column({ name: 'after_accept', type: 'boolean' }) afterAccept!: boolean;
  @Column({ type: 'jsonb' }) source!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 10 }) state!: ExchangeState;
  @Column({ type: 'int' }) attempts!: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz' }) nextAttemptAt!: Date;
  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true }) lastAttemptAt!: Date | null;
  @Column({ name: 'last_status', type: 'int', nullable: true }) lastStatus!: number | null;
  @Column({ name: 'last_error', type: 'varchar', length: 300, nullable: true }) lastError!: string | null;
  @Column({ name: 'sent_body', type: 'jsonb', nullable: true }) sentBody!: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) answer!: Record<string, unknown> | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @Column({ name: 'dead_at', type: 'timestamptz', nullable: true }) deadAt!: Date | null;
  @Column({ type: 'int' }) replays!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
