import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ITEM_STATUS_NAMES, ServiceItemEntity } from '../entities/service-item.entity';

export class TimeLimitView {
  @ApiProperty() value!: number;
  @ApiProperty({ description: '1 工作日, 2 自然日, 3 小时, 4 分钟, 5 月' }) unit!: string;
}

export class MaterialSpecView {
  @ApiProperty({ example: 'M01' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '材料必要性: true 必要, false 非必要' }) required!: boolean;
  @ApiProperty({ description: '材料形式: 纸质 / 电子 / 纸质+电子' }) format!: string;
  @ApiProperty({ description: '来源渠道' }) source!: string;
  @ApiProperty({ description: '核心材料 (never 容缺)' }) key!: boolean;
  @ApiProperty({ description: '容缺: may be supplied after 受理 within deferDays working days' })
  deferrable!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: '容缺补交期限 (working days)' })
  deferDays!: number | null;
  @ApiProperty({ description: '告知承诺: a signed commitment may replace it' }) commitmentAllowed!: boolean;
}

export class FormFieldView {
  @ApiProperty({ example: 'premises' }) key!: string;
  @ApiProperty() label!: string;
  @ApiProperty() required!: boolean;
  @ApiPropertyOptional({ description: 'shown on the licence face (照面信息)' }) onLicence?: boolean;
}

export class ItemResultView {
  @ApiProperty({ enum: ['出证办结', '审批办结'] }) type!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) licenceTypeCode?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) licenceTypeName?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) validYears?: number | null;
}

/** The rules the item declares for its cases (补正, 告知承诺, 容缺, 即办). */
export class ItemRulesView {
  @ApiProperty({ description: '即办件 (project_type 1, promise 0)' }) immediate!: boolean;
  @ApiProperty({ description: '补正 notices (一次性告知) one case may get' }) supplementLimit!: number;
  @ApiProperty({ description: '补正期限 (working days)' }) supplementDays!: number;
  @ApiProperty({ description: '告知承诺: some materials may be replaced by a signed commitment' })
  commitmentAllowed!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: '告知承诺核查期限 (working days)' })
  postCheckDays!: number | null;
  @ApiProperty({ type: [String], description: 'codes of the 容缺 materials' }) deferrableMaterials!: string[];
  @ApiProperty({
    enum: ['5', '1'],
    description: '容缺: 办结结果 of a case whose owed material is overdue — 5 退件, 1 不予许可',
  })
  owedOverdueResult!: string;
}

/** 政务服务事项 with its standard elements, as the service guide shows it. */
export class ItemView {
  @ApiProperty({ description: '实施编码' }) taskCode!: string;
  @ApiProperty({ description: '基本编码' }) catalogCode!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '事项类型' }) taskType!: string;
  @ApiProperty() deptCode!: string;
  @ApiProperty() deptName!: string;
  @ApiProperty({ type: TimeLimitView, description: '法定办结时限' }) legalLimit!: TimeLimitView;
  @ApiProperty({ type: TimeLimitView, description: '承诺办结时限' }) promiseLimit!: TimeLimitView;
  @ApiProperty({ description: '办件类型 1 即办件, 2 承诺件' }) projectType!: string;
  @ApiProperty({ description: '到办事现场次数' }) visitCount!: number;
  @ApiProperty({ type: String, nullable: true, description: '必须现场办理原因说明' }) visitReason!:
    string | null;
  @ApiProperty({ description: '网上办理深度 1 一级 … 4 四级 (全程网办)' }) onlineDepth!: string;
  @ApiProperty({ type: String, nullable: true, description: '设定依据' }) legalBasis!: string | null;
  @ApiProperty({ type: [String], description: '服务对象 codes' }) serverTypes!: string[];
  @ApiProperty({ type: [MaterialSpecView] }) materials!: MaterialSpecView[];
  @ApiProperty({ type: [FormFieldView] }) formFields!: FormFieldView[];
  @ApiProperty({ type: ItemResultView }) result!: ItemResultView;
  @ApiProperty({ type: ItemRulesView }) rules!: ItemRulesView;
  @ApiProperty() version!: number;

  static from(it: ServiceItemEntity): ItemView {
    const materials = it.materials.map((m) => ({
      code: m.code,
      name: m.name,
      required: m.required,
      format: m.format,
      source: m.source,
      key: m.key ?? m.required,
      deferrable: m.deferrable ?? false,
      deferDays: m.deferDays ?? null,
      commitmentAllowed: m.commitmentAllowed ?? false,
    }));
    return {
      taskCode: it.taskCode,
      catalogCode: it.catalogCode,
      name: it.name,
      taskType: it.taskType,
      deptCode: it.deptCode,
      deptName: it.deptName,
      legalLimit: { value: it.legalLimit, unit: it.legalUnit },
      promiseLimit: { value: it.promiseLimit, unit: it.promiseUnit },
      projectType: it.projectType,
      visitCount: it.visitCount,
      visitReason: it.visitReason ?? null,
      onlineDepth: it.onlineDepth,
      legalBasis: it.legalBasis ?? null,
      serverTypes: it.serverTypes,
      materials,
      formFields: it.formFields,
      result: it.yieldsLicence
        ? {
            type: '出证办结',
            licenceTypeCode: it.licenceTypeCode,
            licenceTypeName: it.licenceTypeName,
            validYears: it.licenceValidYears,
          }
        : { type: '审批办结' },
      rules: {
        immediate: it.projectType === '1',
        supplementLimit: it.supplementLimit,
        supplementDays: it.supplementDays,
        commitmentAllowed: materials.some((m) => m.commitmentAllowed),
        postCheckDays: it.postCheckDays ?? null,
        deferrableMaterials: materials.filter((m) => m.deferrable).map((m) => m.code),
        owedOverdueResult: it.owedOverdueResult ?? '5',
      },
      version: it.itemVersion,
    };
  }
}

/** One version of an item as the catalog administration sees it (drafts and replaced versions too). */
export class ItemAdminView extends ItemView {
  @ApiProperty({ format: 'uuid', description: 'id of this version (cases reference it)' }) id!: string;
  @ApiProperty({ enum: ['0', '2', '4'], description: '事项状态 0 待提交, 2 已发布, 4 已替代' })
  status!: string;
  @ApiProperty({ example: '待提交' }) statusName!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static fromAdmin(it: ServiceItemEntity): ItemAdminView {
    return {
      ...ItemView.from(it),
      id: it.id,
      status: it.status,
      statusName: ITEM_STATUS_NAMES[it.status] ?? it.status,
      publishedAt: it.publishedAt ? it.publishedAt.toISOString() : null,
      createdAt: it.createdAt.toISOString(),
      updatedAt: it.updatedAt.toISOString(),
    };
  }
}
