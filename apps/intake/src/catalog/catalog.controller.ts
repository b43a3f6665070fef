import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/shared/auth';
import { ApiErrors, ApiPageResponse, Cacheable } from '@app/shared/http';
import { CatalogService } from './catalog.service';
import { ItemView } from './dto/item.response.dto';
import { ListItemsQuery } from './dto/list-items.query.dto';

@ApiTags('items 事项')
@Controller('items')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Public()
  @Get()
  @Cacheable(60)
  @ApiOperation({ summary: '事项目录 (paginated). Public: the service guide is open to everyone.' })
  @ApiPageResponse(ItemView)
  @ApiErrors(400)
  list(@Query() q: ListItemsQuery) {
    return this.catalog.list(q);
  }

  @Public()
  @Get(':itemCode')
  @Cacheable(60)
  @ApiOperation({ summary: '事项详情 with its standard elements. Public.' })
  @ApiOkResponse({ type: ItemView })
  @ApiErrors(400, 404)
  async get(@Param('itemCode') itemCode: string): Promise<ItemView> {
    return ItemView.from(await this.catalog.getPublished(itemCode));
  }
}
