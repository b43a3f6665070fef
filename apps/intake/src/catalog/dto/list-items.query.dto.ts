import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQuery } from '@app/shared/http';
import { IsText } from '@app/shared/validation';

export class ListItemsQuery extends PageQuery {
  @ApiPropertyOptional({ description: '实施部门统一社会信用代码' })
  @IsOptional()
  @IsText({ max: 18 })
  @Matches(/^[0-9A-Z]{18}$/)
  deptCode?: string;

  @ApiPropertyOptional({ description: '事项名称关键字', maxLength: 50 })
  @IsOptional()
  @IsText({ max: 50 })
  keyword?: string;
}
