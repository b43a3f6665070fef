import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@app/shared/http';
import { IsText } from '@app/shared/validation';
import { CASE_STATUS, CaseStatus } from '../entities/case.entity';

const STATUSES = Object.values(CASE_STATUS);

export class ListCasesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsText({ max: 20 })
  @IsIn(STATUSES)
  status?: CaseStatus;
}
