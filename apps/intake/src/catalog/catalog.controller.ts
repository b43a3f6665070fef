import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListItemsQuery } from '../applications/dto/applications.dto';
import { Public } from '@app/shared/auth';
import { CatalogService, toItemView } from './catalog.service';

@ApiTags('items 事项')
@Controller('items')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '事项目录 (paginated). Public: the service guide is open to everyone.' })
  list(@Query() q: ListItemsQuery) {
    return this.catalog.list(q);
  }

  @Public()
  @Get(':itemCode')
  @ApiOperation({ summary: '事项详情 with its standard elements. Public.' })
  async get(@Param('itemCode') itemCode: string) {
    return toItemView(await this.catalog.getPublished(itemCode));
  }
}
