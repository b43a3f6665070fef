import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '@app/shared/http';
import { IsText, NestedArray } from '@app/shared/validation';
import { POST_CHECK_STATUS } from '../entities/post-check.entity';
import { DeliveryChannelDto } from '../visits';
import { MaterialDto } from './submit-application.request.dto';

/** 容缺: some or all of the outstanding owed materials, each once. */
export class SupplyOwedMaterialsDto extends DeliveryChannelDto {
  @ApiProperty({ type: [MaterialDto], minItems: 1, maxItems: 50 })
  @NestedArray(() => MaterialDto, 50)
  @ArrayMinSize(1)
  materials!: MaterialDto[];
}

const RESULTS = ['PASSED', 'FAILED'] as const;

/** 事后核查 result. */
export class RecordPostCheckDto {
  @ApiProperty({ enum: RESULTS, description: 'PASSED 核查通过, FAILED 核查不通过 (the result is revoked)' })
  @IsText({ max: 6 })
  @IsIn(RESULTS)
  result!: (typeof RESULTS)[number];

  @ApiPropertyOptional({
    description: '不通过的原因 (required for FAILED) or a remark',
    minLength: 2,
    maxLength: 1000,
  })
  @IsOptional()
  @IsText({ min: 2, max: 1000, multiline: true })
  reason?: string;
}

const STATUSES = Object.values(POST_CHECK_STATUS);

export class ListPostChecksQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsText({ max: 10 })
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ type: Boolean, description: 'true: only PENDING tasks past their deadline' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}
