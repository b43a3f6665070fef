import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { CERT_TYPE_CODES, SUBMIT_CHANNEL_CODES, USER_PROP_CODES } from '@app/shared/codes';
import { IsText, IsTextMap, NestedArray, NestedObject } from '@app/shared/validation';

/** Form field keys: what the catalog's form fields use (an identifier, ≤ 40 characters). */
export const FORM_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

export class ApplicantDto {
  @ApiProperty({
    enum: USER_PROP_CODES,
    description:
      '申请人类型 1 自然人, 2 企业法人, 3 事业法人, 4 社会组织法人, 5 非法人企业, 6 行政机关, 9 其他组织',
  })
  @IsText({ max: 1 })
  @IsIn(USER_PROP_CODES)
  userProp!: string;

  /** cases.applicant_name and case_timeline.actor are varchar(200). */
  @ApiProperty({ example: '杭州某某餐饮管理有限公司', maxLength: 200 })
  @IsText({ max: 200 })
  name!: string;

  @ApiProperty({ enum: CERT_TYPE_CODES, description: '证件类型 111 公民身份号码, 001 统一社会信用代码 …' })
  @IsText({ max: 3 })
  @IsIn(CERT_TYPE_CODES)
  certType!: string;

  @ApiProperty({ description: '证件号码 (validated by its check character for 111 and 001)', maxLength: 64 })
  @IsText({ max: 64 })
  certNo!: string;

  @ApiPropertyOptional({ description: '联系电话' })
  @IsOptional()
  @IsText({ max: 20 })
  @Matches(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/)
  phone?: string;
}

export class MaterialDto {
  @ApiProperty({ example: 'M01', description: '材料编码 (from the item’s materials list)' })
  @IsText({ max: 10 })
  @Matches(/^[A-Z0-9]{1,10}$/)
  code!: string;

  @ApiProperty({ example: '申请书.pdf', maxLength: 200 })
  @IsText({ max: 200 })
  fileName!: string;

  @ApiPropertyOptional({ description: 'SHA-256 of the uploaded file (hex)' })
  @IsOptional()
  @IsText({ max: 64 })
  @Matches(/^[0-9a-f]{64}$/)
  sha256?: string;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sizeBytes?: number;
}

/** 告知承诺书: the applicant's signed commitment replacing some materials (告知承诺制). */
export class CommitmentDto {
  @ApiProperty({
    description: '承诺内容 (the commitment statement as signed)',
    minLength: 10,
    maxLength: 4000,
    example: '本人承诺所填报的住所信息真实有效，如有不实，愿承担相应法律责任并接受撤销登记。',
  })
  @IsText({ min: 10, max: 4000, multiline: true })
  statement!: string;

  @ApiProperty({ description: '签署人', maxLength: 100 })
  @IsText({ min: 1, max: 100 })
  signerName!: string;

  @ApiProperty({ format: 'date-time', description: '签署时间' })
  @IsText({ max: 40 })
  @IsISO8601({ strict: true })
  signedAt!: string;

  @ApiProperty({
    type: [String],
    example: ['M04'],
    description: 'codes of the materials the commitment replaces (commitmentAllowed materials of the item)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[A-Z0-9]{1,10}$/, { each: true })
  materials!: string[];
}

export class SubmitApplicationDto {
  @ApiProperty({ description: '事项实施编码', maxLength: 36 })
  @IsText({ max: 36 })
  itemCode!: string;

  @ApiProperty({ type: ApplicantDto })
  @NestedObject(() => ApplicantDto)
  applicant!: ApplicantDto;

  @ApiProperty({
    description: '表单数据 (keys from the item’s form fields; text values of at most 500 characters)',
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 500 },
    example: { premises: '杭州市西湖区文三路 1 号' },
  })
  @IsTextMap({ maxKeys: 50, keyPattern: FORM_KEY_PATTERN, value: { max: 500, multiline: true } })
  formData!: Record<string, string>;

  @ApiProperty({ type: [MaterialDto], maxItems: 50 })
  @NestedArray(() => MaterialDto, 50)
  materials!: MaterialDto[];

  @ApiPropertyOptional({ enum: SUBMIT_CHANNEL_CODES, default: '1', description: '申报方式 0 窗口, 1 网上 …' })
  @IsOptional()
  @IsText({ max: 1 })
  @IsIn(SUBMIT_CHANNEL_CODES)
  submitChannel?: string;

  @ApiPropertyOptional({
    type: CommitmentDto,
    description:
      '告知承诺制: a signed commitment in place of the listed materials; the case is accepted and decided on the spot, and a 事后核查 task is created for the department',
  })
  @IsOptional()
  @NestedObject(() => CommitmentDto)
  commitment?: CommitmentDto;
}
