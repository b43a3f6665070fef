import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Matches,
} from 'class-validator';
import { IsText } from '@app/shared/validation';
import { ShareClientEntity } from '../entities/share-client.entity';
import { CERT_TYPE_CODE_PATTERN } from '../share-input';
import { SHARE_OPERATIONS } from '../share-status';

export const ACCESS_ID_PATTERN = /^[A-Za-z0-9_.-]{3,64}$/;
const DEPT_PATTERN = /^[0-9A-Z]{18}$/;

export class AccessIdParam {
  @ApiProperty({ description: '访问标识 accessId', pattern: ACCESS_ID_PATTERN.source })
  @Matches(ACCESS_ID_PATTERN, { message: 'accessId must be 3–64 of A-Z a-z 0-9 _ . -' })
  accessId!: string;
}

/** POST /share-clients */
export class CreateShareClientRequestDto {
  @ApiProperty({
    description: '访问标识 (chosen by the platform, given to the partner)',
    example: 'shuiwuju01',
  })
  @IsString()
  @Matches(ACCESS_ID_PATTERN, { message: 'accessId must be 3–64 of A-Z a-z 0-9 _ . -' })
  accessId!: string;

  @ApiProperty({ description: '客户端名称', example: '市税务局证照共享' })
  @IsText({ max: 100 })
  name!: string;

  @ApiProperty({ description: '部门统一社会信用代码 (check digit validated)', example: '11330100002491026R' })
  @IsString()
  @Matches(DEPT_PATTERN)
  deptCode!: string;

  @ApiProperty({ description: '部门名称', example: '国家税务总局杭州市税务局' })
  @IsText({ max: 100 })
  deptName!: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 100, description: '允许访问的证照类型代码 (21 位)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(CERT_TYPE_CODE_PATTERN, { each: true, message: 'each certTypeCode must be 21 of 0-9 A-Z' })
  certTypeCodes!: string[];

  @ApiProperty({ enum: SHARE_OPERATIONS, isArray: true, minItems: 1, description: '允许调用的接口' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SHARE_OPERATIONS.length)
  @ArrayUnique()
  @IsIn(SHARE_OPERATIONS, { each: true })
  operations!: string[];
}

/** PATCH /share-clients/{accessId}: the fields to change. */
export class UpdateShareClientRequestDto {
  @ApiPropertyOptional({ description: '客户端名称' })
  @IsOptional()
  @IsText({ max: 100 })
  name?: string;

  @ApiPropertyOptional({ description: '部门名称' })
  @IsOptional()
  @IsText({ max: 100 })
  deptName?: string;

  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(CERT_TYPE_CODE_PATTERN, { each: true, message: 'each certTypeCode must be 21 of 0-9 A-Z' })
  certTypeCodes?: string[];

  @ApiPropertyOptional({ enum: SHARE_OPERATIONS, isArray: true, minItems: 1 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SHARE_OPERATIONS.length)
  @ArrayUnique()
  @IsIn(SHARE_OPERATIONS, { each: true })
  operations?: string[];
}

export class ShareClientView {
  @ApiProperty() accessId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() deptCode!: string;
  @ApiProperty() deptName!: string;
  @ApiProperty({ type: [String] }) certTypeCodes!: string[];
  @ApiProperty({ enum: SHARE_OPERATIONS, isArray: true }) operations!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ description: 'who registered the client (subject of the admin token)' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) secretRotatedAt!: string | null;
}

/** The client with its secret: answered once, at creation and at rotation (only its hash is kept). */
export class ShareClientSecretView extends ShareClientView {
  @ApiProperty({ description: '访问密钥: shown only now; exchange it for an accessToken with getToken' })
  accessSecret!: string;
}

export function toShareClientView(c: ShareClientEntity): ShareClientView {
  return {
    accessId: c.accessId,
    name: c.name,
    deptCode: c.deptCode,
    deptName: c.deptName,
    certTypeCodes: c.certTypeCodes,
    operations: c.operations,
    enabled: c.enabled,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    secretRotatedAt: c.secretRotatedAt?.toISOString() ?? null,
  };
}
