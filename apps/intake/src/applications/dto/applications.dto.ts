import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CERT_TYPE_CODES, USER_PROP_CODES } from '@app/shared/codes';
import { PageQuery } from '@app/shared/http';

export class ListItemsQuery extends PageQuery {
  @ApiPropertyOptional({ description: '实施部门统一社会信用代码' })
  @IsOptional()
  @Matches(/^[0-9A-Z]{18}$/)
  deptCode?: string;

  @ApiPropertyOptional({ description: '事项名称关键字' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  keyword?: string;
}

export class ApplicantDto {
  @ApiProperty({
    enum: USER_PROP_CODES,
    description:
      '申请人类型 1 自然人, 2 企业法人, 3 事业法人, 4 社会组织法人, 5 非法人企业, 6 行政机关, 9 其他组织',
  })
  @IsIn(USER_PROP_CODES)
  userProp!: string;

  @ApiProperty({ example: '杭州某某餐饮管理有限公司' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: CERT_TYPE_CODES, description: '证件类型 111 公民身份号码, 001 统一社会信用代码 …' })
  @IsIn(CERT_TYPE_CODES)
  certType!: string;

  @ApiProperty({ description: '证件号码 (validated by its check character for 111 and 001)' })
  @IsString()
  @Length(1, 64)
  certNo!: string;

  @ApiPropertyOptional({ description: '联系电话' })
  @IsOptional()
  @Matches(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/)
  phone?: string;
}

export class MaterialDto {
  @ApiProperty({ example: 'M01', description: '材料编码 (from the item’s materials list)' })
  @Matches(/^[A-Z0-9]{1,10}$/)
  code!: string;

  @ApiProperty({ example: '申请书.pdf' })
  @IsString()
  @Length(1, 200)
  fileName!: string;

  @ApiPropertyOptional({ description: 'SHA-256 of the uploaded file (hex)' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  sha256?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  sizeBytes?: number;
}

export class SubmitApplicationDto {
  @ApiProperty({ description: '事项实施编码' })
  @IsString()
  @Length(1, 36)
  itemCode!: string;

  @ApiProperty({ type: ApplicantDto })
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant!: ApplicantDto;

  @ApiProperty({
    description: '表单数据 (keys from the item’s form fields; string values)',
    example: { premises: '杭州市西湖区文三路 1 号' },
  })
  @IsObject()
  formData!: Record<string, string>;

  @ApiProperty({ type: [MaterialDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials!: MaterialDto[];

  @ApiPropertyOptional({ enum: ['0', '1'], default: '1', description: '申报方式 0 窗口, 1 网上' })
  @IsOptional()
  @IsIn(['0', '1'])
  submitChannel?: string;
}

export class AcceptApplicationDto {
  @ApiPropertyOptional({ description: '受理意见' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  remark?: string;
}

export class RejectApplicationDto {
  @ApiProperty({ description: '不予受理理由', example: '申请事项不属于本部门职权范围' })
  @IsString()
  @Length(2, 500)
  reason!: string;
}

export class ListCasesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['SUBMITTED', 'ACCEPTED', 'NOT_ACCEPTED', 'IN_APPROVAL', 'APPROVED', 'DONE'] })
  @IsOptional()
  @IsIn(['SUBMITTED', 'ACCEPTED', 'NOT_ACCEPTED', 'IN_APPROVAL', 'APPROVED', 'DONE'])
  status?: string;
}
