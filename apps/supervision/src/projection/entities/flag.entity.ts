import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Patterns the 电子监察 reports name, seen in the events of a case in flight. */
export const FLAG_KINDS = {
  /** A second (third …) 补正 notice on the same case. */
  SUPPLEMENT_REPEATED: '补正告知超过一次',
  /** A step sent back (退回) on a case in approval. */
  STEP_RETURNED: '审批环节退回',
  /** A second approval case opened on the same case, or with other steps than the first: the flow changed. */
  WORKFLOW_CHANGED: '在办件审批流程变更',
  /** A step handled beyond the steps the case opened with: a step was added. */
  STEP_ADDED: '在办件增加审批环节',
  /** Work on a case after it was completed (办结后重新办理). */
  CASE_REOPENED: '办结后重新办理',
} as const;
export type FlagKind = keyof typeof FLAG_KINDS;

@Entity('sup_flags')
export class FlagEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ type: 'varchar', length: 30 }) kind!: FlagKind;
  @Column({ type: 'jsonb' }) detail!: Record<string, unknown>;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'source_event_id', type: 'uuid' }) sourceEventId!: string;
}
