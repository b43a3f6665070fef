import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsText } from '@app/shared/validation';

export class WithdrawBundleDto {
  @ApiPropertyOptional({ maxLength: 500, description: '撤回理由' })
  @IsOptional()
  @IsText({ max: 500, multiline: true })
  reason?: string;
}
