import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@app/shared/http';
import { IsText } from '@app/shared/validation';
import { BUNDLE_STATUS, BundleStatus } from '../entities/bundle.entity';

const STATUSES = Object.values(BUNDLE_STATUS);

export class ListBundlesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsText({ max: 20 })
  @IsIn(STATUSES)
  status?: BundleStatus;
}
