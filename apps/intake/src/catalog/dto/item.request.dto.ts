import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { USER_PROP_CODES } from '@app/shared/codes';
import { IsText, NestedArray, NestedObject } from '@app/shared/validation';
import { ItemElements, OWED_OVERDUE_RESULT_CODES, OWED_OVERDUE_RESULTS } from '../item-rules';
import {
  MATERIAL_FORMATS,
  ONLINE_DEPTH_CODES,
  PROJECT_TYPE_CODES,
  TASK_TYPE_CODES,
  TIME_UNIT_CODES,
} from '../item-codes';

export class TimeLimitDto {
  @ApiProperty({ minimum: 0, maximum: 3650 })
  @IsInt()
  @Min(0)
  @Max(3650)
  value!: number;

  @ApiProperty({ enum: TIME_UNIT_CODES, description: '1 工作日, 2 自然日, 3 小时, 4 分钟, 5 月' })
  @IsText({ max: 1 })
  @IsIn(TIME_UNIT_CODES)
  unit!: string;
}

export class MaterialSpecDto {
  @ApiProperty({ example: 'M01', description: '材料编码 (unique in the item)' })
  @IsText({ max: 10 })
  @Matches(/^[A-Z0-9]{1,10}$/)
  code!: string;

  @ApiProperty({ maxLength: 200 })
  @IsText({ max: 200 })
  name!: string;

  @ApiProperty({ description: '材料必要性: true 必要, false 非必要' })
  @IsBoolean()
  required!: boolean;

  @ApiProperty({ enum: MATERIAL_FORMATS, description: '材料形式' })
  @IsText({ max: 10 })
  @IsIn(MATERIAL_FORMATS)
  format!: string;

  @ApiProperty({ example: '申请人自备', maxLength: 50, description: '来源渠道' })
  @IsText({ max: 50 })
  source!: string;

  @ApiProperty({ description: '核心材料 (a key material cannot be 容缺)' })
  @IsBoolean()
  key!: boolean;

  @ApiPropertyOptional({ default: false, description: '容缺: may be supplied after 受理 within deferDays' })
  @IsOptional()
  @IsBoolean()
  deferrable?: boolean;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 60,
    description: '容缺补交期限 (working days); only for a deferrable material',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  deferDays?: number | null;

  @ApiPropertyOptional({ default: false, description: '告知承诺: a signed commitment may replace it' })
  @IsOptional()
  @IsBoolean()
  commitmentAllowed?: boolean;
}

export class FormFieldSpecDto {
  @ApiProperty({ example: 'premises', description: 'identifier, unique in the item' })
  @IsText({ max: 40 })
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,39}$/)
  key!: string;

  @ApiProperty({ maxLength: 100 })
  @IsText({ max: 100 })
  label!: string;

  @ApiProperty()
  @IsBoolean()
  required!: boolean;

  @ApiPropertyOptional({ description: 'shown on the licence face (照面信息)' })
  @IsOptional()
  @IsBoolean()
  onLicence?: boolean;
}

/** The standard elements of an item (PUT replaces them all on a draft). */
export class ItemElementsDto {
  @ApiProperty({ description: '基本编码 (12)', example: '000107001000' })
  @IsText({ max: 12 })
  @Matches(/^[0-9A-Z]{12}$/)
  catalogCode!: string;

  @ApiProperty({ maxLength: 200 })
  @IsText({ max: 200 })
  name!: string;

  @ApiProperty({ enum: TASK_TYPE_CODES, description: '事项类型 01 行政许可 … 20 公共服务' })
  @IsText({ max: 2 })
  @IsIn(TASK_TYPE_CODES)
  taskType!: string;

  @ApiProperty({ description: '实施主体统一社会信用代码 (check characters verified)' })
  @IsText({ max: 18 })
  @Matches(/^[0-9A-Z]{18}$/)
  deptCode!: string;

  @ApiProperty({ maxLength: 100 })
  @IsText({ max: 100 })
  deptName!: string;

  @ApiProperty({ type: TimeLimitDto, description: '法定办结时限' })
  @NestedObject(() => TimeLimitDto)
  legalLimit!: TimeLimitDto;

  @ApiProperty({ type: TimeLimitDto, description: '承诺办结时限 (0 for 即办件)' })
  @NestedObject(() => TimeLimitDto)
  promiseLimit!: TimeLimitDto;

  @ApiProperty({ enum: PROJECT_TYPE_CODES, description: '办件类型 1 即办件, 2 承诺件' })
  @IsText({ max: 1 })
  @IsIn(PROJECT_TYPE_CODES)
  projectType!: string;

  @ApiProperty({ minimum: 0, maximum: 10, description: '到办事现场次数' })
  @IsInt()
  @Min(0)
  @Max(10)
  visitCount!: number;

  @ApiProperty({ enum: USER_PROP_CODES, isArray: true, description: '服务对象' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(USER_PROP_CODES.length)
  @ArrayUnique()
  @IsIn(USER_PROP_CODES, { each: true })
  serverTypes!: string[];

  @ApiProperty({ type: [MaterialSpecDto], minItems: 1, maxItems: 50 })
  @NestedArray(() => MaterialSpecDto, 50)
  @ArrayMinSize(1)
  materials!: MaterialSpecDto[];

  @ApiProperty({ type: [FormFieldSpecDto], maxItems: 50 })
  @NestedArray(() => FormFieldSpecDto, 50)
  formFields!: FormFieldSpecDto[];

  @ApiProperty({ description: '审批结果为电子证照 (出证办结)' })
  @IsBoolean()
  yieldsLicence!: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: '证照类型代码: USCC of the defining authority + 3 digits (21)',
  })
  @IsOptional()
  @IsText({ max: 21 })
  licenceTypeCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 })
  @IsOptional()
  @IsText({ max: 100 })
  licenceTypeName?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  licenceValidYears?: number | null;

  @ApiProperty({ description: '设定依据', maxLength: 2000 })
  @IsText({ max: 2000, multiline: true })
  legalBasis!: string;

  @ApiProperty({ enum: ONLINE_DEPTH_CODES, description: '网上办理深度 1 一级 … 4 四级 (全程网办)' })
  @IsText({ max: 1 })
  @IsIn(ONLINE_DEPTH_CODES)
  onlineDepth!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, description: '必须现场办理原因说明' })
  @IsOptional()
  @IsText({ max: 500, multiline: true })
  visitReason?: string | null;

  @ApiPropertyOptional({ default: 1, minimum: 0, maximum: 5, description: '补正 notices a case may get' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(5)
  supplementLimit?: number;

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 60, description: '补正期限 (working days)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  supplementDays?: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 365,
    description: '告知承诺核查期限 (working days); required when a material allows a commitment',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  postCheckDays?: number | null;

  @ApiPropertyOptional({
    enum: OWED_OVERDUE_RESULT_CODES,
    default: OWED_OVERDUE_RESULTS.RETURNED,
    description: '容缺: 办结结果 of a case whose owed material is overdue — 5 退件 (default) or 1 不予许可',
  })
  @IsOptional()
  @IsText({ max: 1 })
  @IsIn(OWED_OVERDUE_RESULT_CODES)
  owedOverdueResult?: string;

  /** The elements as the entity stores them, defaults applied. */
  static toElements(dto: ItemElementsDto): ItemElements {
    return {
      catalogCode: dto.catalogCode,
      name: dto.name,
      taskType: dto.taskType,
      deptCode: dto.deptCode,
      deptName: dto.deptName,
      legalLimit: dto.legalLimit.value,
      legalUnit: dto.legalLimit.unit,
      promiseLimit: dto.promiseLimit.value,
      promiseUnit: dto.promiseLimit.unit,
      projectType: dto.projectType,
      visitCount: dto.visitCount,
      serverTypes: dto.serverTypes,
      materials: dto.materials.map((m) => ({
        code: m.code,
        name: m.name,
        required: m.required,
        format: m.format,
        source: m.source,
        key: m.key,
        deferrable: m.deferrable ?? false,
        deferDays: m.deferDays ?? null,
        commitmentAllowed: m.commitmentAllowed ?? false,
      })),
      formFields: dto.formFields.map((f) => ({
        key: f.key,
        label: f.label,
        required: f.required,
        onLicence: f.onLicence ?? false,
      })),
      yieldsLicence: dto.yieldsLicence,
      licenceTypeCode: dto.licenceTypeCode ?? null,
      licenceTypeName: dto.licenceTypeName ?? null,
      licenceValidYears: dto.licenceValidYears ?? null,
      legalBasis: dto.legalBasis,
      onlineDepth: dto.onlineDepth,
      visitReason: dto.visitReason ?? null,
      supplementLimit: dto.supplementLimit ?? 1,
      supplementDays: dto.supplementDays ?? 10,
      postCheckDays: dto.postCheckDays ?? null,
      owedOverdueResult: dto.owedOverdueResult ?? OWED_OVERDUE_RESULTS.RETURNED,
    };
  }
}

/** A new item: its 实施编码 and its elements; it starts as a draft (待提交), version 1. */
export class CreateItemDto extends ItemElementsDto {
  @ApiProperty({ description: '实施编码 (≤ 36)', example: '113301000024901620000107001001' })
  @IsText({ max: 36 })
  @Matches(/^[0-9A-Z]{1,36}$/)
  taskCode!: string;
}
