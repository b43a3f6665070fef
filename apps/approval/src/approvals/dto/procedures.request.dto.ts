import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { SPECIAL_PROCEDURE_CODES, SPECIAL_PROCEDURE_TYPES } from '@app/shared/contracts';
import { STEP_CODES } from '@app/shared/codes';
import { IsText } from '@app/shared/validation';
import { DECISIONS } from './decision.request.dto';
import { IsCalendarDate } from './calendar-date';

/** POST /approvals/:caseNo/chief-decision */
export class ChiefDecisionRequestDto {
  @ApiProperty({
    enum: DECISIONS,
    description:
      '首席代表一次办理全部剩余环节: approve → 准予许可 (APPROVED), deny → 不予许可 (DENIED). ' +
      'The chief decides every remaining step at once with the same result.',
  })
  @IsIn(DECISIONS)
  decision!: (typeof DECISIONS)[number];

  @ApiProperty({ description: '办理意见 (trimmed; 2–1000 characters)', minLength: 2, maxLength: 1000 })
  @IsText({ min: 2, max: 1000, multiline: true })
  opinion!: string;
}

/** POST /approvals/:caseNo/return */
export class ReturnRequestDto {
  @ApiProperty({
    minimum: 2,
    maximum: STEP_CODES.length,
    description: '退回的当前环节序号 (must be the current step, otherwise 409 STEP_MISMATCH; not step 1)',
  })
  @IsInt()
  @Min(1)
  @Max(STEP_CODES.length)
  stepNo!: number;

  @ApiProperty({ description: '退回理由 (trimmed; 2–1000 characters)', minLength: 2, maxLength: 1000 })
  @IsText({ min: 2, max: 1000, multiline: true })
  reason!: string;
}

/** POST /approvals/:caseNo/special-procedures */
export class StartSpecialProcedureRequestDto {
  @ApiProperty({
    enum: SPECIAL_PROCEDURE_CODES,
    description: `特别程序类型: ${Object.entries(SPECIAL_PROCEDURE_TYPES)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ')} (2–4 SPECIALNODE; 7, 8 local codes for 行政许可法 Art. 45)`,
  })
  @IsIn(SPECIAL_PROCEDURE_CODES)
  type!: string;

  @ApiProperty({ description: '启动理由/依据 (trimmed; 2–1000 characters)', minLength: 2, maxLength: 1000 })
  @IsText({ min: 2, max: 1000, multiline: true })
  reason!: string;

  @ApiProperty({
    format: 'date',
    example: '2026-12-15',
    description:
      '预计结束日期 (Asia/Shanghai): today or later, within the maximum duration of the type ' +
      '(422 SPECIAL_PROCEDURE_TOO_LONG)',
  })
  @IsCalendarDate()
  expectedEndDate!: string;
}

/** POST /approvals/:caseNo/special-procedures/:id/end */
export class EndSpecialProcedureRequestDto {
  @ApiProperty({ description: '特别程序结果 (trimmed; 2–1000 characters)', minLength: 2, maxLength: 1000 })
  @IsText({ min: 2, max: 1000, multiline: true })
  result!: string;
}

export class ProcedureParams {
  @ApiProperty({ description: '办件编号' })
  @IsString()
  @Length(1, 50)
  @Matches(/^[0-9A-Z-]+$/)
  caseNo!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}
