import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQuery } from '@app/shared/http';

export class SubmitReviewDto {
  @ApiProperty({ description: '办件编号' })
  @IsString()
  @Length(10, 50)
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
    enum: ['1', '2', '3', '4', '5', '6'],
    description:
      '评价渠道 pf: 1 pc端, 2 移动端, 3 二维码, 4 政务大厅平板电脑, 5 政务大厅其他终端, 6 短信 (7 系统默认评价 is reserved)',
  })
  @IsIn(['1', '2', '3', '4', '5', '6'])
  pf!: string;

  @ApiPropertyOptional({ description: '文字评价 (required for grades 1–2)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;

  @ApiPropertyOptional({ description: '测评内容代码 evalDetail', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^\d{1,4}$/, { each: true })
  evalDetail?: string[];
}

export class ListBadReviewsQuery extends PageQuery {
  @ApiPropertyOptional({ description: '工单状态', example: 'BAD_REVIEW_CREATED' })
  @IsOptional()
  @Matches(/^[A-Z_]{3,30}$/)
  status?: string;
}
