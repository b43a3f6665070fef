import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { STEP_CODES } from '@app/shared/codes';
import { PageQuery } from '@app/shared/http';
import { APPROVAL_STATUS, ApprovalStatus } from '../entities/approval-case.entity';
import { IsCalendarDate } from './calendar-date';

const STATUSES = Object.values(APPROVAL_STATUS);
export const LIST_SORTS = ['opened', 'due'] as const;

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
    enum: LIST_SORTS,
    default: 'opened',
    description: 'opened: newest first; due: current step due date ascending (cases without one last)',
  })
  @IsOptional()
  @IsIn([...LIST_SORTS])
  sort?: (typeof LIST_SORTS)[number];
}
