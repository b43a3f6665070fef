import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { EventApplicant, EventLicenceSpec } from '@app/shared/contracts';

export interface WorkflowStep {
  /** 审批环节 SPHJDM: 1 承办, 2 审核, 3 批准 */
  code: '1' | '2' | '3';
  name: string;
}

export const APPROVAL_STATUS = { OPEN: 'OPEN', APPROVED: 'APPROVED', DENIED: 'DENIED' } as const;
export type ApprovalStatus = (typeof APPROVAL_STATUS)[keyof typeof APPROVAL_STATUS];

/** One approval case per accepted case (business key case_no). */
@Entity('approval_cases')
export class ApprovalCaseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_no', length: 50, unique: true }) caseNo!: string;
  @Column({ name: 'item_code', length: 36 }) itemCode!: string;
  @Column({ name: 'item_name', length: 200 }) itemName!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ name: 'dept_name', length: 100 }) deptName!: string;
  @Column({ name: 'project_type', length: 1 }) projectType!: string;
  @Column({ type: 'jsonb' }) applicant!: EventApplicant;
  @Column({ type: 'jsonb', nullable: true }) licence!: EventLicenceSpec | null;
  @Column({ type: 'jsonb' }) steps!: WorkflowStep[];
  /** 1-based index of the step waiting for a decision. */
  @Column({ name: 'current_step', type: 'int' }) currentStep!: number;
  @Column({ length: 10 }) status!: ApprovalStatus;
  /** The promised completion date (承诺办结日期) carried from acceptance. */
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @VersionColumn() version!: number;
}
