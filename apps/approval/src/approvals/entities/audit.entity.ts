import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only audit trail (a trigger refuses UPDATE and DELETE). */
@Entity('approval_audit')
export class ApprovalAuditEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ name: 'approval_id', type: 'uuid' }) approvalId!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  /** AuditAction (audit-trail.ts), e.g. OPENED | STEP_APPROVED | … | PROCEDURE_OVERRUN */
  @Column({ length: 20 }) action!: string;
  @Column({ name: 'step_no', type: 'int', nullable: true }) stepNo!: number | null;
  @Column({ name: 'actor_sub', length: 100 }) actorSub!: string;
  @Column({ name: 'actor_name', type: 'varchar', length: 100, nullable: true }) actorName!: string | null;
  @Column({ name: 'actor_dept', type: 'varchar', length: 18, nullable: true }) actorDept!: string | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) opinion!: string | null;
  @Column({ type: 'timestamptz' }) at!: Date;
  /** The 首席代表 authorisation a chief decision was taken under. */
  @Column({ name: 'authorisation_id', type: 'uuid', nullable: true }) authorisationId!: string | null;
  /** The cross-department delegation a delegate (of another department) acted under. */
  @Column({ name: 'delegation_id', type: 'uuid', nullable: true }) delegationId!: string | null;
  /** The 特别程序 a SUSPENDED / RESUMED / PROCEDURE_OVERRUN row belongs to. */
  @Column({ name: 'procedure_id', type: 'uuid', nullable: true }) procedureId!: string | null;
}
