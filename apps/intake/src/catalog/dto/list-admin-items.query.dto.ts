import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '@app/shared/http';
import { IsText } from '@app/shared/validation';
import { ITEM_STATUS_CODES } from '../entities/service-item.entity';

export class ListAdminItemsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ITEM_STATUS_CODES, description: '事项状态 0 待提交, 2 已发布, 4 已替代' })
  @IsOptional()
  @IsText({ max: 1 })
  @IsIn(ITEM_STATUS_CODES)
  status?: string;

  @ApiPropertyOptional({ description: '实施编码: all versions of one item' })
  @IsOptional()
  @IsText({ max: 36 })
  @Matches(/^[0-9A-Z]{1,36}$/)
  taskCode?: string;

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

export class ListCatalogAuditQuery extends PageQuery {
  @ApiPropertyOptional({ description: '实施编码: the history of one item' })
  @IsOptional()
  @IsText({ max: 36 })
  @Matches(/^[0-9A-Z]{1,36}$/)
  taskCode?: string;
}
