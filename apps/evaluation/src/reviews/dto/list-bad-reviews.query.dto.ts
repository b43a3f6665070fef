import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQuery } from '@app/shared/http';

/** GET /bad-reviews */
export class ListBadReviewsQueryDto extends PageQuery {
  @ApiPropertyOptional({ description: '工单状态', example: 'BAD_REVIEW_CREATED', pattern: '^[A-Z_]{3,30}$' })
  @IsOptional()
  @Matches(/^[A-Z_]{3,30}$/)
  status?: string;
}
