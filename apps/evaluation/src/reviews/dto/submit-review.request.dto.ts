import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { REVIEW_CHANNEL_CODES } from '@app/shared/codes';
import { CASE_NO_RE } from '@app/shared/contracts';
import { IsText } from '@app/shared/validation';

/** 评价渠道 a person may use; 7 (系统默认评价) is the system's own. */
export const PERSON_REVIEW_CHANNELS = REVIEW_CHANNEL_CODES.filter((c) => c !== '7');

/** POST /reviews */
export class SubmitReviewRequestDto {
  @ApiProperty({ description: '办件编号', pattern: CASE_NO_RE.source, example: '33010620261124000001' })
  @IsText({ max: 50 })
  @Matches(CASE_NO_RE)
  caseNo!: string;

  @ApiProperty({
    minimum: 1,
    maximum: 5,
    description: 'satisfaction: 1 非常不满意, 2 不满意, 3 基本满意, 4 满意, 5 非常满意',
  })
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction!: number;

  @ApiProperty({
    enum: PERSON_REVIEW_CHANNELS,
    description:
      '评价渠道 pf: 1 pc端, 2 移动端, 3 二维码, 4 政务大厅平板电脑, 5 政务大厅其他终端, 6 短信 (7 系统默认评价 is reserved)',
  })
  @IsIn(PERSON_REVIEW_CHANNELS)
  pf!: string;

  @ApiPropertyOptional({
    description: '文字评价 (trimmed; required for grades 1–2; line breaks allowed)',
    maxLength: 500,
  })
  @IsOptional()
  @IsText({ min: 0, max: 500, multiline: true })
  comment?: string;

  @ApiPropertyOptional({ description: '测评内容代码 evalDetail', type: [String], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^\d{1,4}$/, { each: true })
  evalDetail?: string[];
}
