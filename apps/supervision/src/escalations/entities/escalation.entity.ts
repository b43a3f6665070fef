import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ClockKind } from '@app/shared/contracts';

export const ESCALATION_STATUS = {
  OPEN: 'OPEN',
  ACKNOWLEDGED: 'ACKNOWLEDGED',
  RESOLVED: 'RESOLVED',
} as const;
export type EscalationStatus = (typeof ESCALATION_STATUS)[keyof typeof ESCALATION_STATUS];

/** A 督办 item: a red clock put before its department's head, acknowledged then resolved with a comment. */
@Entity('sup_escalations')
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'clock_id', type: 'uuid' }) clockId!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: ClockKind;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ name: 'item_code', type: 'varchar', length: 50, nullable: true }) itemCode!: string | null;
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ type: 'varchar', length: 12 }) status!: EscalationStatus;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt!: Date | null;
  @Column({ name: 'acknowledged_by', type: 'varchar', length: 100, nullable: true }) acknowledgedBy!:
    string | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'resolved_by', type: 'varchar', length: 100, nullable: true }) resolvedBy!: string | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) resolution!: string | null;
}

/** The audit trail of a 督办 item: who opened, acknowledged, resolved it, when, and what they wrote. */
@Entity('sup_escalation_audit')
export class EscalationAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'escalation_id', type: 'uuid' }) escalationId!: string;
  @Column({ type: 'varchar', length: 20 }) action!: 'OPENED' | 'ACKNOWLEDGED' | 'RESOLVED';
  @Column({ name: 'actor_sub', length: 100 }) actorSub!: string;
  @Column({ name: 'actor_name', type: 'varchar', length: 100, nullable: true }) actorName!: string | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) comment!: string | null;
  @Column({ type: 'timestamptz' }) at!: Date;
}
