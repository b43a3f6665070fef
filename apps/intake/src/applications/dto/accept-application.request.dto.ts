import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsText } from '@app/shared/validation';

export class AcceptApplicationDto {
  @ApiPropertyOptional({ description: '受理意见', maxLength: 500 })
  @IsOptional()
  @IsText({ max: 500, multiline: true })
  remark?: string;
}
