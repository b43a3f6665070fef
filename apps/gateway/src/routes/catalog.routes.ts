import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ListItemsQuery } from '@app/shared/api';
import { Public } from '@app/shared/auth';
import { UpstreamClient } from '../proxy/upstream.client';

@ApiTags('items 事项目录')
@Controller('api/v1/items')
export class CatalogRoutes {
  constructor(private readonly up: UpstreamClient) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '事项目录 (paginated, filter by department or keyword). Public.' })
  list(@Query() q: ListItemsQuery, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.up.forward('intake', req, reply, { method: 'GET', path: '/items', query: q });
  }

  @Public()
  @Get(':itemCode')
  @ApiOperation({ summary: '事项详情: standard elements, materials, time limits. Public.' })
  get(@Param('itemCode') itemCode: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.up.forward('intake', req, reply, {
      method: 'GET',
      path: `/items/${encodeURIComponent(itemCode)}`,
    });
  }
}
