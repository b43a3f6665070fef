import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ServiceItemEntity } from '../entities/service-item.entity';

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
  @ApiProperty({ type: [String], description: '服务对象 codes' }) serverTypes!: string[];
  @ApiProperty({ type: [MaterialSpecView] }) materials!: MaterialSpecView[];
  @ApiProperty({ type: [FormFieldView] }) formFields!: FormFieldView[];
  @ApiProperty({ type: ItemResultView }) result!: ItemResultView;
  @ApiProperty() version!: number;

  static from(it: ServiceItemEntity): ItemView {
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
      serverTypes: it.serverTypes,
      materials: it.materials,
      formFields: it.formFields,
      result: it.yieldsLicence
        ? {
            type: '出证办结',
            licenceTypeCode: it.licenceTypeCode,
            licenceTypeName: it.licenceTypeName,
            validYears: it.licenceValidYears,
          }
        : { type: '审批办结' },
      version: it.itemVersion,
    };
  }
}
