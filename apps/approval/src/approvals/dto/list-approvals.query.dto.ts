import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { STEP_CODES } from '@app/shared/codes';
import { PageQuery } from '@app/shared/http';
import { APPROVAL_STATUS, ApprovalStatus } from '../entities/approval-case.entity';
import { IsCalendarDate } from './calendar-date';

const STATUSES = Object.values(APPROVAL_STATUS);
export const LIST_SORTS = ['opened', 'due'] as const;
/** Upper bound of remainingMax: a year of days is more than any step's limit (typo guard). */
export const MAX_REMAINING_FILTER = 365;

/** GET /approvals (every parameter is checked: anything else is 400 VALIDATION_FAILED). */
export class ListApprovalsQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ApprovalStatus;

  @ApiPropertyOptional({
    enum: STEP_CODES,
    description: '审批环节 SPHJDM of the current step (1 承办, 2 审核, 3 批准); OPEN / SUSPENDED cases only',
  })
  @IsOptional()
  @IsIn([...STEP_CODES])
  stepCode?: string;

  @ApiPropertyOptional({
    enum: ['me'],
    description:
      'me: cases whose current step the caller may decide by role (approver, or chief for steps the ' +
      'workflow gives to the 首席代表); OPEN / SUSPENDED cases only',
  })
  @IsOptional()
  @IsIn(['me'])
  assignee?: 'me';

  @ApiPropertyOptional({
    format: 'date',
    description: 'the current step is due on or before this date (YYYY-MM-DD); OPEN / SUSPENDED cases only',
  })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: OPEN cases whose current step was due before today (Asia/Shanghai); false: no filter',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_REMAINING_FILTER,
    description:
      'the current step has at most this many working days left (remainingWorkingDays ≤ n, overdue ones ' +
      'included; cases without a due date excluded); OPEN / SUSPENDED cases only',
  })
  @IsOptional()
  // Only plain decimal digits become a number ('', ' 5', '1e1', '0x10' stay strings and fail IsInt).
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(0)
  @Max(MAX_REMAINING_FILTER)
  remainingMax?: number;

  @ApiPropertyOptional({
    enum: LIST_SORTS,
    default: 'opened',
    description: 'opened: newest first; due: current step due date ascending (cases without one last)',
  })
  @IsOptional()
  @IsIn([...LIST_SORTS])
  sort?: (typeof LIST_SORTS)[number];
}
