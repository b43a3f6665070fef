import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsString, Matches } from 'class-validator';
import { ITEM_CODE_RE } from '../../workflows/dto/workflow.dto';
import { DelegationEntity } from '../delegation.entity';

const DEPT_RE = /^[0-9A-Z]{18}$/;

/** POST /authorisations/delegations */
export class GrantDelegationRequestDto {
  @ApiProperty({
    description: '委托部门统一社会信用代码 (the cases’ department)',
    example: '113301000024901620',
  })
  @IsString()
  @Matches(DEPT_RE)
  fromDept!: string;

  @ApiProperty({ description: '受托部门统一社会信用代码 (e.g. 行政审批局)', example: '11330100002491026R' })
  @IsString()
  @Matches(DEPT_RE)
  toDept!: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 200, description: '委托事项编码 (实施编码)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Matches(ITEM_CODE_RE, { each: true })
  itemCodes!: string[];

  @ApiProperty({ format: 'date-time', description: 'valid from (inclusive)' })
  @IsISO8601({ strict: true, strictSeparator: true })
  validFrom!: string;

  @ApiProperty({ format: 'date-time', description: 'valid until (exclusive); later than validFrom' })
  @IsISO8601({ strict: true, strictSeparator: true })
  validTo!: string;
}

export type DelegationState = 'PENDING' | 'VALID' | 'EXPIRED' | 'REVOKED';

/** The state of a delegation at `now`. */
export function delegationState(d: DelegationEntity, now: Date): DelegationState {
  if (d.revokedAt) return 'REVOKED';
  if (now < d.validFrom) return 'PENDING';
  return now >= d.validTo ? 'EXPIRED' : 'VALID';
}

export class DelegationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fromDept!: string;
  @ApiProperty() toDept!: string;
  @ApiProperty({ type: [String] }) itemCodes!: string[];
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
  state!: DelegationState;

  static of(d: DelegationEntity, now: Date): DelegationView {
    return {
      id: d.id,
      fromDept: d.fromDept,
      toDept: d.toDept,
      itemCodes: d.itemCodes,
      validFrom: d.validFrom.toISOString(),
      validTo: d.validTo.toISOString(),
      grantedBy: d.grantedBy,
      grantedAt: d.grantedAt.toISOString(),
      revokedAt: d.revokedAt?.toISOString() ?? null,
      revokedBy: d.revokedBy,
      state: delegationState(d, now),
    };
  }
}

export class DelegationListView {
  @ApiProperty({ type: [DelegationView], description: 'newest grant first (at most 500)' })
  items!: DelegationView[];
}
