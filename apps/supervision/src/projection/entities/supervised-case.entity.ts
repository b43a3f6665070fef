import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One case (办件) as supervision sees it, assembled from intake, approval and certificate events. */
@Entity('sup_cases')
export class SupervisedCaseEntity {
  @PrimaryColumn({ name: 'case_no', length: 50 }) caseNo!: string;
  /** 行政区划: the first 6 digits of the case number (<行政区划 6><yyyyMMdd 8><seq 6>). */
  @Column({ name: 'region_code', type: 'varchar', length: 6, nullable: true }) regionCode!: string | null;
  @Column({ name: 'item_code', type: 'varchar', length: 50, nullable: true }) itemCode!: string | null;
  @Column({ name: 'item_name', type: 'varchar', length: 200, nullable: true }) itemName!: string | null;
  @Column({ name: 'dept_code', type: 'varchar', length: 18, nullable: true }) deptCode!: string | null;
  @Column({ name: 'dept_name', type: 'varchar', length: 100, nullable: true }) deptName!: string | null;
  /** 申报方式 submitChannel */
  @Column({ type: 'varchar', length: 1, nullable: true }) channel!: string | null;
  /** 办件类型 1 即办件, 2 承诺件 */
  @Column({ name: 'project_type', type: 'varchar', length: 1, nullable: true }) projectType!: string | null;
  @Column({ name: 'task_type', type: 'varchar', length: 2, nullable: true }) taskType!: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @Column({ name: 'promise_date', type: 'date', nullable: true }) promiseDate!: string | null;
  @Column({ name: 'promise_limit', type: 'int', nullable: true }) promiseLimit!: number | null;
  @Column({ name: 'promise_unit', type: 'varchar', length: 1, nullable: true }) promiseUnit!: string | null;
  /** 法定办结时限 and its unit (same codes as the promise), from 受理. */
  @Column({ name: 'legal_limit', type: 'int', nullable: true }) legalLimit!: number | null;
  @Column({ name: 'legal_unit', type: 'varchar', length: 1, nullable: true }) legalUnit!: string | null;
  /** The item's 跑动次数 (受理 or 办结) and the visits the applicant actually made (办结). */
  @Column({ name: 'visit_limit', type: 'int', nullable: true }) visitLimit!: number | null;
  @Column({ type: 'int', nullable: true }) visits!: number | null;
  @Column({ name: 'approval_id', type: 'uuid', nullable: true }) approvalId!: string | null;
  @Column({ name: 'approval_steps', type: 'text', array: true, nullable: true }) approvalSteps!:
    string[] | null;
  @Column({ name: 'approval_opened_at', type: 'timestamptz', nullable: true }) approvalOpenedAt!: Date | null;
  @Column({ name: 'approvals_opened', type: 'int' }) approvalsOpened!: number;
  /** APPROVED / DENIED */
  @Column({ type: 'varchar', length: 8, nullable: true }) decision!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'licence_id', type: 'varchar', length: 120, nullable: true }) licenceId!: string | null;
  @Column({ name: 'licence_issued_at', type: 'timestamptz', nullable: true }) licenceIssuedAt!: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  /** 办结结果 doneresult */
  @Column({ name: 'done_result', type: 'varchar', length: 1, nullable: true }) doneResult!: string | null;
  @Column({ name: 'not_accepted_at', type: 'timestamptz', nullable: true }) notAcceptedAt!: Date | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
  @Column({ name: 'supplement_notices', type: 'int' }) supplementNotices!: number;
  /** Working days the case's clock stood still for 特别程序 (sum of the resumed events). */
  @Column({ name: 'special_paused_days', type: 'int' }) specialPausedDays!: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
