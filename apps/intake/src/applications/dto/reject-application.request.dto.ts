import { ApiProperty } from '@nestjs/swagger';
import { IsText } from '@app/shared/validation';

export class RejectApplicationDto {
  /** cases.not_accepted_reason is varchar(500). */
  @ApiProperty({
    description: '不予受理理由',
    example: '申请事项不属于本部门职权范围',
    minLength: 2,
    maxLength: 500,
  })
  @IsText({ min: 2, max: 500, multiline: true })
  reason!: string;
}
