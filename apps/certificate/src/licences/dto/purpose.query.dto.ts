import { ApiProperty } from '@nestjs/swagger';
import { IsText } from '@app/shared/validation';

/** 用证事由: every query or download of a licence by a department states its purpose (2–200 characters). */
export class PurposeQuery {
  @ApiProperty({
    description: '用证事由 (2–200 字, single line, trimmed), recorded in the usage log',
    example: '办理食品经营许可变更核验',
    minLength: 2,
    maxLength: 200,
  })
  @IsText({ min: 2, max: 200 })
  purpose!: string;
}
