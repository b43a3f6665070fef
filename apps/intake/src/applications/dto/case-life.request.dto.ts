import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsOptional, Matches } from 'class-validator';
import { IsText, NestedArray } from '@app/shared/validation';
import { DeliveryChannelDto } from '../visits';
import { MaterialDto } from './submit-application.request.dto';

export class NoticeMaterialDto {
  @ApiProperty({ example: 'M02', description: '材料编码 (a material of the case’s item)' })
  @IsText({ max: 10 })
  @Matches(/^[A-Z0-9]{1,10}$/)
  code!: string;

  @ApiProperty({ example: '营业执照复印件不清晰, 请提交清晰的电子件', minLength: 2, maxLength: 500 })
  @IsText({ min: 2, max: 500, multiline: true })
  reason!: string;
}

/** 补正告知: every missing or defective material at once (一次性告知). */
export class RequestSupplementDto {
  @ApiProperty({ type: [NoticeMaterialDto], minItems: 1, maxItems: 50 })
  @NestedArray(() => NoticeMaterialDto, 50)
  @ArrayMinSize(1)
  materials!: NoticeMaterialDto[];

  @ApiPropertyOptional({ description: '告知说明', maxLength: 500 })
  @IsOptional()
  @IsText({ max: 500, multiline: true })
  remark?: string;
}

/** 补正: every material the open notice names, at once. */
export class SupplementApplicationDto extends DeliveryChannelDto {
  @ApiProperty({ type: [MaterialDto], minItems: 1, maxItems: 50 })
  @NestedArray(() => MaterialDto, 50)
  @ArrayMinSize(1)
  materials!: MaterialDto[];
}

export class WithdrawApplicationDto {
  @ApiPropertyOptional({ description: '撤回原因', maxLength: 500 })
  @IsOptional()
  @IsText({ max: 500, multiline: true })
  reason?: string;
}

export class ConfirmRefusalDto {
  @ApiPropertyOptional({ description: '首席代表意见', maxLength: 1000 })
  @IsOptional()
  @IsText({ max: 1000, multiline: true })
  opinion?: string;
}

export class OverturnRefusalDto {
  @ApiProperty({
    description: '首席代表意见 (why the application is accepted)',
    minLength: 2,
    maxLength: 500,
  })
  @IsText({ min: 2, max: 500, multiline: true })
  opinion!: string;
}
