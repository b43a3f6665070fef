import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from './pagination.dto';

export class DecisionDto {
  @ApiProperty({
    enum: ['approve', 'deny'],
    description: 'approve completes the current step (the last one approves the case); deny ends the case',
  })
  @IsIn(['approve', 'deny'])
  decision!: 'approve' | 'deny';

  @ApiProperty({ description: '办理意见', example: '经审查，材料齐全，符合法定条件' })
  @IsString()
  @Length(2, 1000)
  opinion!: string;
}

export class ListApprovalsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['OPEN', 'APPROVED', 'DENIED'] })
  @IsOptional()
  @IsIn(['OPEN', 'APPROVED', 'DENIED'])
  status?: string;
}
