import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@app/shared/http';
import { WORK_ORDER_STATUSES, WorkOrderStatus } from '../work-order-state';

/** GET /bad-reviews */
export class ListBadReviewsQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: WORK_ORDER_STATUSES, description: '工单状态' })
  @IsOptional()
  @IsIn(WORK_ORDER_STATUSES)
  status?: WorkOrderStatus;
}
