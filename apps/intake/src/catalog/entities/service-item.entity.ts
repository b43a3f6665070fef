import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export interface MaterialSpec {
  code: string;
  name: string;
  /** 材料必要性: true 必要, false 非必要(容缺 allowed) */
  required: boolean;
  /** 材料形式: 纸质 / 电子 / 纸质+电子 */
  format: string;
  /** 来源渠道: 申请人自备 / 政府部门核发 (免提交 when the licence is in the library) */
  source: string;
}

export interface FormFieldSpec {
  key: string;
  label: string;
  required: boolean;
  /** Shown on the licence face (照面信息) when the item yields a licence. */
  onLicence?: boolean;
}

/** 政务服务事项 (implementation list entry) with its standard elements (docs/standards.md). */
@Entity('service_items')
export class ServiceItemEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** 实施编码 task_code (≤ 36) */
  @Column({ name: 'task_code', length: 36, unique: true }) taskCode!: string;
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
  /** 事项状态: 2 已发布 */
  @Column({ length: 1 }) status!: string;
  @Column({ name: 'item_version', type: 'int', default: 1 }) itemVersion!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
