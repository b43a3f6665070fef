import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { EventApplicant, EventLicenceSpec } from '@app/shared/contracts';

/** Who may decide a step: an approver of the department, or its 首席代表 (chief). */
export type StepRole = 'approver' | 'chief';

export interface WorkflowStep {
  /** 审批环节 SPHJDM: 1 承办, 2 审核, 3 批准 */
  code: '1' | '2' | '3';
  name: string;
  /** Who may decide it (absent on cases opened before versioned workflows: approver). */
  role?: StepRole;
  /** The step's own time limit in working days (absent on cases opened before versioned workflows). */
  limitDays?: number;
  /** Shanghai date the step became current (last time, after a 退回); null while pending. */
  startedOn?: string | null;
  /** startedOn + limitDays working days, moved by 特别程序 pauses; null while pending. */
  dueDate?: string | null;
}

/** 容缺受理: a material the case was accepted without; `suppliedAt` once intake reports it supplied. */
export interface OwedMaterialState {
  code: string;
  name: string;
  /** Last day to supply (Asia/Shanghai). */
  dueDate: string;
  suppliedAt: string | null;
}

export const APPROVAL_STATUS = {
  OPEN: 'OPEN',
  SUSPENDED: 'SUSPENDED',
  APPROVED: 'APPROVED',
  DENIED: 'DENIED',
  /** The applicant withdrew (intake.application.withdrawn.v1): approval stopped without a decision. */
  WITHDRAWN: 'WITHDRAWN',
} as const;
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
  /** 事项类型 task_type from acceptance (null on cases opened before it was kept). */
  @Column({ name: 'task_type', type: 'varchar', length: 2, nullable: true }) taskType!: string | null;
  /** The workflow definition (and its version) the case was opened with; it keeps it. */
  @Column({ name: 'workflow_id', type: 'uuid', nullable: true }) workflowId!: string | null;
  @Column({ name: 'workflow_version', type: 'int', nullable: true }) workflowVersion!: number | null;
  @Column({ type: 'jsonb' }) applicant!: EventApplicant;
  @Column({ type: 'jsonb', nullable: true }) licence!: EventLicenceSpec | null;
  @Column({ type: 'jsonb' }) steps!: WorkflowStep[];
  /** 1-based index of the step waiting for a decision. */
  @Column({ name: 'current_step', type: 'int' }) currentStep!: number;
  @Column({ length: 10 }) status!: ApprovalStatus;
  /** The promised completion date (承诺办结日期) carried from acceptance. */
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  /**
   * 承诺时限单位 promisetimeunit of the due date (1 工作日, 2 自然日, 3 小时, 4 分钟, 5 月) from acceptance:
   * a 特别程序 moves the due date in this unit. null on cases opened before it was kept (工作日).
   */
  @Column({ name: 'promise_unit', type: 'varchar', length: 1, nullable: true }) promiseUnit!: string | null;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  /** 容缺受理: the materials owed at acceptance; the last step waits until every one is supplied. */
  @Column({ name: 'owed_materials', type: 'jsonb', default: () => "'[]'" })
  owedMaterials!: OwedMaterialState[];
  @VersionColumn() version!: number;
}
