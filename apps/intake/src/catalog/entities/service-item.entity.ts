import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export interface MaterialSpec {
  code: string;
  name: string;
  /** 材料必要性: true 必要, false 非必要 */
  required: boolean;
  /** 材料形式: 纸质 / 电子 / 纸质+电子 */
  format: string;
  /** 来源渠道: 申请人自备 / 政府部门核发 (免提交 when the licence is in the library) */
  source: string;
  /** 核心材料: a key material can never be deferred (容缺). */
  key: boolean;
  /** 容缺: the case may be accepted without it; the applicant supplies it within `deferDays` working days. */
  deferrable: boolean;
  /** Working days to supply a deferred material (only when `deferrable`). */
  deferDays: number | null;
  /** 告知承诺: a signed commitment may replace it; checked afterwards within the item's `postCheckDays`. */
  commitmentAllowed: boolean;
}

export interface FormFieldSpec {
  key: string;
  label: string;
  required: boolean;
  /** Shown on the licence face (照面信息) when the item yields a licence. */
  onLicence?: boolean;
}

/**
 * 事项状态 (catalog version status). `0`, `2` follow the national 事项状态 list (0 待提交, 1 已审定, 2 已发布,
 * 3 审核驳回); `4` 已替代 is this platform's own code for a published version replaced by a newer one: it is
 * kept (cases filed under it reference its row) but no longer listed.
 */
export const ITEM_STATUS = { DRAFT: '0', PUBLISHED: '2', SUPERSEDED: '4' } as const;
export type ItemStatus = (typeof ITEM_STATUS)[keyof typeof ITEM_STATUS];
export const ITEM_STATUS_CODES = Object.values(ITEM_STATUS);
export const ITEM_STATUS_NAMES: Record<string, string> = { '0': '待提交', '2': '已发布', '4': '已替代' };

/**
 * 政务服务事项 (implementation list entry) with its standard elements (docs/standards.md). One row per
 * version: `(task_code, item_version)` is unique, at most one version of a task code is published and at
 * most one is a draft; cases keep the `id` of the version they were filed under.
 */
@Entity('service_items')
export class ServiceItemEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** 实施编码 task_code (≤ 36); unique together with item_version */
  @Column({ name: 'task_code', length: 36 }) taskCode!: string;
  /** 基本编码 catalog_code (12) */
  @Column({ name: 'catalog_code', length: 12 }) catalogCode!: string;
  @Column({ length: 200 }) name!: string;
  /** 事项类型 task_type: 01 行政许可 … 20 公共服务 */
  @Column({ name: 'task_type', length: 2 }) taskType!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ name: 'dept_name', length: 100 }) deptName!: string;
  /** 法定办结时限 + 单位 (1 工作日, 2 自然日, 3 小时, 4 分钟, 5 月) */
  @Column({ name: 'legal_limit', type: 'int' }) legalLimit!: number;
  @Column({ name: 'legal_unit', length: 1 }) legalUnit!: string;
  /** 承诺办结时限 + 单位 */
  @Column({ name: 'promise_limit', type: 'int' }) promiseLimit!: number;
  @Column({ name: 'promise_unit', length: 1 }) promiseUnit!: string;
  /** 办件类型 project_type: 1 即办件, 2 承诺件 */
  @Column({ name: 'project_type', length: 1 }) projectType!: string;
  /** 到办事现场次数 (跑动次数) */
  @Column({ name: 'visit_count', type: 'int' }) visitCount!: number;
  /** 服务对象 server_type codes served (1 自然人, 2 企业法人, …) */
  @Column({ name: 'server_types', type: 'text', array: true }) serverTypes!: string[];
  @Column({ type: 'jsonb' }) materials!: MaterialSpec[];
  @Column({ name: 'form_fields', type: 'jsonb' }) formFields!: FormFieldSpec[];
  /** 审批结果类型: whether the result is an electronic licence, and which type */
  @Column({ name: 'yields_licence', type: 'boolean' }) yieldsLicence!: boolean;
  @Column({ name: 'licence_type_code', type: 'varchar', length: 21, nullable: true }) licenceTypeCode!:
    string | null;
  @Column({ name: 'licence_type_name', type: 'varchar', length: 100, nullable: true }) licenceTypeName!:
    string | null;
  @Column({ name: 'licence_valid_years', type: 'int', nullable: true }) licenceValidYears!: number | null;
  /** 设定依据 by_law */
  @Column({ name: 'legal_basis', type: 'varchar', length: 2000, nullable: true }) legalBasis!: string | null;
  /** 网上办理深度 online_handle_depth: 1 一级 … 4 四级 (全程网办) */
  @Column({ name: 'online_depth', length: 1 }) onlineDepth!: string;
  /** 必须现场办理原因说明 limit_scene_explain (required when visitCount > 0) */
  @Column({ name: 'visit_reason', type: 'varchar', length: 500, nullable: true }) visitReason!: string | null;
  /** How many 补正 notices (一次性告知) one case may get. */
  @Column({ name: 'supplement_limit', type: 'int' }) supplementLimit!: number;
  /** Working days the applicant has to supply after a 补正 notice. */
  @Column({ name: 'supplement_days', type: 'int' }) supplementDays!: number;
  /** 告知承诺: working days within which the commitments are checked (事后核查); null without commitments. */
  @Column({ name: 'post_check_days', type: 'int', nullable: true }) postCheckDays!: number | null;
  /**
   * 容缺: how a case ends when an owed material is not supplied by its due date — its 办结结果 doneresult:
   * 5 退件 (the default) or 1 不予许可 (OWED_OVERDUE_RESULTS).
   */
  @Column({ name: 'owed_overdue_result', length: 1, default: '5' }) owedOverdueResult!: string;
  /** 事项状态: see ITEM_STATUS */
  @Column({ length: 1 }) status!: string;
  @Column({ name: 'item_version', type: 'int', default: 1 }) itemVersion!: number;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
