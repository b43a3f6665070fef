import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { IsText } from '@app/shared/validation';
import { ITEM_CODE_RE } from '../../workflows/dto/workflow.dto';
import { ChiefAuthorisationEntity } from '../chief-authorisation.entity';

const DEPT_RE = /^[0-9A-Z]{18}$/;
const TASK_TYPE_RE = /^\d{2}$/;

/** POST /authorisations/chief */
export class GrantChiefAuthorisationRequestDto {
  @ApiProperty({ description: '部门统一社会信用代码', example: '113301000024901620' })
  @Matches(DEPT_RE)
  deptCode!: string;

  @ApiPropertyOptional({
    description:
      "the 首席代表 authorised (the chief's subject in the identity provider); omitted: any chief of the department",
    maxLength: 100,
  })
  @IsOptional()
  @IsText({ max: 100 })
  holderSub?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 200, description: '授权事项编码 (实施编码)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(ITEM_CODE_RE, { each: true })
  itemCodes?: string[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: 20,
    description: '授权事项类型 task_type (01 行政许可 …)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(TASK_TYPE_RE, { each: true })
  taskTypes?: string[];

  @ApiProperty({ format: 'date-time', description: 'valid from (inclusive)' })
  @IsISO8601({ strict: true, strictSeparator: true })
  validFrom!: string;

  @ApiProperty({ format: 'date-time', description: 'valid until (exclusive); later than validFrom' })
  @IsISO8601({ strict: true, strictSeparator: true })
  validTo!: string;
}

export class AuthorisationIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class ChiefAuthorisationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() deptCode!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the 首席代表 named; null: any chief of the department',
  })
  holderSub!: string | null;
  @ApiProperty({ type: [String] }) itemCodes!: string[];
  @ApiProperty({ type: [String] }) taskTypes!: string[];
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiProperty({ format: 'date-time' }) validTo!: string;
  @ApiProperty({ description: 'subject of who granted it (admin or the department head)' })
  grantedBy!: string;
  @ApiProperty({ format: 'date-time' }) grantedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'subject of who revoked it' })
  revokedBy!: string | null;
  @ApiProperty({
    enum: ['PENDING', 'VALID', 'EXPIRED', 'REVOKED'],
    description: 'state at the time of the answer',
  })
  state!: 'PENDING' | 'VALID' | 'EXPIRED' | 'REVOKED';

  static of(a: ChiefAuthorisationEntity, now: Date): ChiefAuthorisationView {
    const state = a.revokedAt
      ? 'REVOKED'
      : now < a.validFrom
        ? 'PENDING'
        : now >= a.validTo
          ? 'EXPIRED'
          : 'VALID';
    return {
      id: a.id,
      deptCode: a.deptCode,
      holderSub: a.holderSub,
      itemCodes: a.itemCodes,
      taskTypes: a.taskTypes,
      validFrom: a.validFrom.toISOString(),
      validTo: a.validTo.toISOString(),
      grantedBy: a.grantedBy,
      grantedAt: a.grantedAt.toISOString(),
      revokedAt: a.revokedAt?.toISOString() ?? null,
      revokedBy: a.revokedBy,
      state,
    };
  }
}

export class ChiefAuthorisationListView {
  @ApiProperty({ type: [ChiefAuthorisationView], description: 'newest grant first (at most 500)' })
  items!: ChiefAuthorisationView[];
}
