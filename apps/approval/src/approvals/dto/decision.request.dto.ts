import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { IsText } from '@app/shared/validation';
import { STEP_CODES } from '@app/shared/codes';

export const DECISIONS = ['approve', 'deny'] as const;

/** POST /approvals/:caseNo/decision */
export class DecisionRequestDto {
  @ApiProperty({
    minimum: 1,
    maximum: STEP_CODES.length,
    example: 1,
    description:
      '所办理的环节序号 (1 承办, 2 审核, 3 批准), 须等于案件当前环节, 否则 409 STEP_MISMATCH. ' +
      'The step the approver is deciding; it must be the current step, otherwise 409 STEP_MISMATCH ' +
      '(a double click or a decision already taken by someone else).',
  })
  @IsInt()
  @Min(1)
  @Max(STEP_CODES.length)
  stepNo!: number;

  @ApiProperty({
    enum: DECISIONS,
    description:
      'approve = 同意, deny = 不同意. 前置环节 (承办/审核) 的意见作为拟办意见记录后流转至下一环节; ' +
      '只有最后环节 (批准) 决定结果: approve → 准予许可 (APPROVED), deny → 不予许可 (DENIED). ' +
      'At an earlier step either decision is recorded and the case moves on to the next step; ' +
      'only the last step decides: approve → APPROVED, deny → DENIED.',
  })
  @IsIn(DECISIONS)
  decision!: (typeof DECISIONS)[number];

  @ApiProperty({
    description: '办理意见 (trimmed; 2–1000 characters, line breaks allowed)',
    example: '经审查，材料齐全，符合法定条件',
    minLength: 2,
    maxLength: 1000,
  })
  @IsText({ min: 2, max: 1000, multiline: true })
  opinion!: string;
}
