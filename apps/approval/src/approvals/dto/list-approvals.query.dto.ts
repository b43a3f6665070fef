import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@app/shared/http';
import { APPROVAL_STATUS, ApprovalStatus } from '../entities/approval-case.entity';

const STATUSES = Object.values(APPROVAL_STATUS);

/** GET /approvals */
export class ListApprovalsQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ApprovalStatus;
}
