import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches } from 'class-validator';
import { IsText } from '@app/shared/validation';

export class AcceptApplicationDto {
  @ApiPropertyOptional({ description: '受理意见', maxLength: 500 })
  @IsOptional()
  @IsText({ max: 500, multiline: true })
  remark?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['M03'],
    description:
      '容缺受理: codes of materials accepted as owed (deferrable, non-key materials of the item); required deferrable materials still missing are owed anyway. Each is due deferDays working days after 受理.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[A-Z0-9]{1,10}$/, { each: true })
  owedMaterials?: string[];
}
