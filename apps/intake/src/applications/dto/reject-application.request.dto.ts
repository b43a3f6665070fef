import { ApiProperty } from '@nestjs/swagger';
import { IsText } from '@app/shared/validation';

/** 拟不予受理: the clerk's proposal, decided by the department's chief. */
export class RejectApplicationDto {
  /** cases.refusal_reason is varchar(500). */
  @ApiProperty({
    description: '不予受理理由',
    example: '申请事项不属于本部门职权范围',
    minLength: 2,
    maxLength: 500,
  })
  @IsText({ min: 2, max: 500, multiline: true })
  reason!: string;

  /** cases.refusal_legal_basis is varchar(1000). */
  @ApiProperty({
    description: '法律依据',
    example: '《中华人民共和国行政许可法》第三十二条第一款第（二）项',
    minLength: 2,
    maxLength: 1000,
  })
  @IsText({ min: 2, max: 1000, multiline: true })
  legalBasis!: string;
}
