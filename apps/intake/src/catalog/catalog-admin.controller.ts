import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { ApiErrors, ApiPageResponse } from '@app/shared/http';
import { CatalogService } from './catalog.service';
import { CatalogAuditView } from './dto/catalog-audit.response.dto';
import { ItemIdParam } from './dto/item-id.param.dto';
import { CreateItemDto, ItemElementsDto } from './dto/item.request.dto';
import { ItemAdminView } from './dto/item.response.dto';
import { ListAdminItemsQuery, ListCatalogAuditQuery } from './dto/list-admin-items.query.dto';
import { CreateItemVersionUseCase } from './use-cases/create-item-version/create-item-version.use-case';
import { CreateItemUseCase } from './use-cases/create-item/create-item.use-case';
import { PublishItemUseCase } from './use-cases/publish-item/publish-item.use-case';
import { UpdateItemUseCase } from './use-cases/update-item/update-item.use-case';

const RULES_NOTE =
  'The consistency rules (gov-standards §3.5) are checked: every problem is listed at once in a 400 VALIDATION_FAILED (details: [{rule, field, problems}]).';

/** 事项目录管理 (admin): drafts, versions and publication; every write is audited. */
@ApiTags('items 事项')
@ApiBearerAuth()
@Controller()
@Roles(ROLES.ADMIN)
export class CatalogAdminController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly createItem: CreateItemUseCase,
    private readonly updateItem: UpdateItemUseCase,
    private readonly createVersion: CreateItemVersionUseCase,
    private readonly publishItem: PublishItemUseCase,
  ) {}

  @Post('items')
  @ApiOperation({ summary: `新建事项 (admin): version 1 as a draft (状态 0 待提交). ${RULES_NOTE}` })
  @ApiCreatedResponse({ type: ItemAdminView })
  @ApiErrors(400, 401, 403, 409)
  create(@CurrentUser() user: Principal, @Body() dto: CreateItemDto): Promise<ItemAdminView> {
    return this.createItem.execute({ user, dto });
  }

  @Put('items/:itemCode')
  @ApiOperation({
    summary: `修改事项草稿 (admin): replaces the elements of the item’s draft; no draft is 409. ${RULES_NOTE}`,
  })
  @ApiOkResponse({ type: ItemAdminView })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @CurrentUser() user: Principal,
    @Param('itemCode') itemCode: string,
    @Body() dto: ItemElementsDto,
  ): Promise<ItemAdminView> {
    return this.updateItem.execute({ user, itemCode, dto });
  }

  @Post('items/:itemCode/versions')
  @ApiOperation({
    summary:
      '新建事项版本 (admin): a draft copied from the published version; 409 when a draft exists already.',
  })
  @ApiCreatedResponse({ type: ItemAdminView })
  @ApiErrors(400, 401, 403, 404, 409)
  newVersion(@CurrentUser() user: Principal, @Param('itemCode') itemCode: string): Promise<ItemAdminView> {
    return this.createVersion.execute({ user, itemCode });
  }

  @Post('items/:itemCode/publish')
  @HttpCode(200)
  @ApiOperation({
    summary: `发布事项 (admin): the draft becomes 已发布 (2); the version published so far becomes 已替代 (4), still readable by id for its cases. ${RULES_NOTE}`,
  })
  @ApiOkResponse({ type: ItemAdminView })
  @ApiErrors(400, 401, 403, 404, 409)
  publish(@CurrentUser() user: Principal, @Param('itemCode') itemCode: string): Promise<ItemAdminView> {
    return this.publishItem.execute({ user, itemCode });
  }

  @Get('catalog/items')
  @ApiOperation({ summary: '事项版本列表 (admin): drafts, published and replaced versions.' })
  @ApiPageResponse(ItemAdminView)
  @ApiErrors(400, 401, 403)
  list(@Query() q: ListAdminItemsQuery): Promise<Page<ItemAdminView>> {
    return this.catalog.listAdmin(q);
  }

  @Get('catalog/items/:itemId')
  @ApiOperation({
    summary: '事项版本 by id (admin), whatever its status: the version a case was filed under.',
  })
  @ApiOkResponse({ type: ItemAdminView })
  @ApiErrors(400, 401, 403, 404)
  get(@Param() { itemId }: ItemIdParam): Promise<ItemAdminView> {
    return this.catalog.getVersion(itemId);
  }

  @Get('catalog/audit')
  @ApiOperation({ summary: '事项目录操作记录 (admin): who changed what, when; newest first.' })
  @ApiPageResponse(CatalogAuditView)
  @ApiErrors(400, 401, 403)
  audit(@Query() q: ListCatalogAuditQuery): Promise<Page<CatalogAuditView>> {
    return this.catalog.listAudit(q);
  }
}
