import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** Case status (办件状态), a local refinement of the provincial codes (docs/standards.md). */
export const CASE_STATUS = {
  SUBMITTED: 'SUBMITTED', // 收件, 待受理
  ACCEPTED: 'ACCEPTED', // 已受理
  NOT_ACCEPTED: 'NOT_ACCEPTED', // 不予受理 (done, code 6)
  IN_APPROVAL: 'IN_APPROVAL', // 审批中
  APPROVED: 'APPROVED', // 准予许可, waiting for the licence
  DONE: 'DONE', // 已办结
  SUPPLEMENT_REQUIRED: 'SUPPLEMENT_REQUIRED', // 补齐补正: one notice sent, clock stopped, 待受理
  REFUSAL_PROPOSED: 'REFUSAL_PROPOSED', // 窗口拟不予受理, waiting for the chief's decision, 待受理
} as const;
export type CaseStatus = (typeof CASE_STATUS)[keyof typeof CASE_STATUS];

/** proStatus for the provincial 好差评/办件 interfaces: 1 待受理, 2 已受理, 3 已办结. */
export function proStatusOf(status: CaseStatus): '1' | '2' | '3' {
  if (status === 'SUBMITTED' || status === 'SUPPLEMENT_REQUIRED' || status === 'REFUSAL_PROPOSED') return '1';
  if (status === 'DONE' || status === 'NOT_ACCEPTED') return '3';
  return '2';
}

export interface SubmittedMaterial {
  code: string;
  fileName: string;
  sha256?: string;
  sizeBytes?: number;
}

/** 办件: one application and its whole life. Full personal data stays here (the owning service). */
@Entity('cases')
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** 办件编号 ≤ 50, unique per region */
  @Column({ name: 'case_no', length: 50, unique: true }) caseNo!: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column({ name: 'item_code', length: 36 }) itemCode!: string;
  @Column({ name: 'item_name', length: 200 }) itemName!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ name: 'dept_name', length: 100 }) deptName!: string;
  @Column({ name: 'task_type', length: 2 }) taskType!: string;
  @Column({ name: 'project_type', length: 1 }) projectType!: string;
  @Column({ name: 'applicant_sub', length: 100 }) applicantSub!: string;
  /** 申请人类型 userProp */
  @Column({ name: 'applicant_user_prop', length: 1 }) applicantUserProp!: string;
  @Column({ name: 'applicant_name', length: 200 }) applicantName!: string;
  @Column({ name: 'applicant_cert_type', length: 3 }) applicantCertType!: string;
  @Column({ name: 'applicant_cert_no', length: 64 }) applicantCertNo!: string;
  @Column({ name: 'applicant_cert_masked', length: 64 }) applicantCertMasked!: string;
  @Column({ name: 'applicant_cert_hash', length: 64 }) applicantCertHash!: string;
  @Column({ name: 'contact_phone', type: 'varchar', length: 20, nullable: true }) contactPhone!:
    string | null;
  @Column({ name: 'form_data', type: 'jsonb' }) formData!: Record<string, string>;
  @Column({ type: 'jsonb' }) materials!: SubmittedMaterial[];
  /** 申报方式 submit: 0 窗口, 1 网上 */
  @Column({ name: 'submit_channel', length: 1 }) submitChannel!: string;
  /** 到现场次数: visits the applicant actually made (window submission, 补正 or 容缺 materials at a window). */
  @Column({ type: 'int', default: 0 }) visits!: number;
  /** The item's 跑动次数 when the case was filed; null for cases filed before it was recorded. */
  @Column({ name: 'visit_limit', type: 'int', nullable: true }) visitLimit!: number | null;
  @Column({ length: 20 }) status!: CaseStatus;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt!: Date;
  @Column({ name: 'accept_doc_no', type: 'varchar', length: 60, nullable: true }) acceptDocNo!: string | null;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @Column({ name: 'accepted_by', type: 'varchar', length: 100, nullable: true }) acceptedBy!: string | null;
  /** 承诺办结日期 (Asia/Shanghai) */
  @Column({ name: 'promise_date', type: 'date', nullable: true }) promiseDate!: string | null;
  @Column({ name: 'not_accepted_reason', type: 'varchar', length: 500, nullable: true }) notAcceptedReason!:
    string | null;
  /** 办结结果 doneresult: 0 出证办结, 1 不予许可, 2 作废办结 (withdrawn), 5 退件, 6 不予受理 */
  @Column({ name: 'done_result', type: 'varchar', length: 1, nullable: true }) doneResult!: string | null;
  @Column({ name: 'done_at', type: 'timestamptz', nullable: true }) doneAt!: Date | null;
  @Column({ name: 'licence_id', type: 'varchar', length: 120, nullable: true }) licenceId!: string | null;
  /** Working days the case's clock stood still (补正 pauses, summed when each pause ends). */
  @Column({ name: 'paused_days', type: 'int', default: 0 }) pausedDays!: number;
  /** Start of the pause running now (补正 notice open), else null. */
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true }) pausedAt!: Date | null;
  /** The end of the open 补正 notice's deadline (swept as 退件 after it), else null. */
  @Column({ name: 'supplement_due_at', type: 'timestamptz', nullable: true }) supplementDueAt!: Date | null;
  /** The clerk's pending 拟不予受理 proposal (REFUSAL_PROPOSED), kept after the chief's decision. */
  @Column({ name: 'refusal_reason', type: 'varchar', length: 500, nullable: true }) refusalReason!:
    string | null;
  @Column({ name: 'refusal_legal_basis', type: 'varchar', length: 1000, nullable: true }) refusalLegalBasis!:
    string | null;
  @Column({ name: 'refusal_proposed_by', type: 'varchar', length: 100, nullable: true }) refusalProposedBy!:
    string | null;
  @Column({ name: 'refusal_proposed_at', type: 'timestamptz', nullable: true })
  refusalProposedAt!: Date | null;
  /** When the chief's confirmation or overturn of the pending proposal is due (REFUSAL_CONFIRM_WORKDAYS). */
  @Column({ name: 'refusal_confirm_due_at', type: 'timestamptz', nullable: true })
  refusalConfirmDueAt!: Date | null;
  /** Set once by the sweep when the proposal was still undecided after its due time (escalated). */
  @Column({ name: 'refusal_overdue_at', type: 'timestamptz', nullable: true }) refusalOverdueAt!: Date | null;
  /**
   * 行政许可法 Art. 32: set by the sweep when no 受理, 补正 notice or refusal came within 5 working days of
   * receipt (逾期未告知, 视为受理); the promise date then counts from receipt.
   */
  @Column({ name: 'deemed_accepted_at', type: 'timestamptz', nullable: true }) deemedAcceptedAt!: Date | null;
  /** 告知承诺制: when a failed 事后核查 revoked the case's result (its licence is revoked too), and why. */
  @Column({ name: 'result_revoked_at', type: 'timestamptz', nullable: true }) resultRevokedAt!: Date | null;
  @Column({ name: 'result_revocation_reason', type: 'varchar', length: 1000, nullable: true })
  resultRevocationReason!: string | null;
  /** The client's Idempotency-Key of the submission, unique per applicant. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, nullable: true }) idempotencyKey!:
    string | null;
  @Column({ name: 'request_hash', type: 'char', length: 64, nullable: true }) requestHash!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @VersionColumn() version!: number;
}
