import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Public, Roles, ROLES } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { ApiErrors, ApiPageResponse, PageQuery } from '@app/shared/http';
import { BundleDefinitionElementsDto, CreateBundleDefinitionDto } from './dto/bundle-definition.request.dto';
import { BundleDefinitionView } from './dto/bundle-definition.response.dto';
import { BundleQueries } from './queries/bundle-queries.service';
import { CreateBundleDefinitionUseCase } from './use-cases/create-bundle-definition/create-bundle-definition.use-case';
import { UpdateBundleDefinitionUseCase } from './use-cases/update-bundle-definition/update-bundle-definition.use-case';

const RULES_NOTE =
  'The definition is checked against the published catalog: every problem at once in a 400 VALIDATION_FAILED, details [{rule, field, problems}] with stable rule ids (BUNDLE_UNKNOWN_ITEM, BUNDLE_CYCLE, BUNDLE_UNKNOWN_MEMBER_FIELD, BUNDLE_UNKNOWN_BUNDLE_FIELD, BUNDLE_REQUIRED_FIELD_UNMAPPED, …).';

/** 一件事 definitions: public to read (the service guide), written by the catalog's admins. */
@ApiTags('bundles 一件事')
@Controller('bundle-definitions')
export class BundleDefinitionsController {
  constructor(
    private readonly queries: BundleQueries,
    private readonly createDefinition: CreateBundleDefinitionUseCase,
    private readonly updateDefinition: UpdateBundleDefinitionUseCase,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '一件事目录 (paginated). Public, like the item guide.' })
  @ApiPageResponse(BundleDefinitionView)
  @ApiErrors(400)
  list(@Query() q: PageQuery): Promise<Page<BundleDefinitionView>> {
    return this.queries.listDefinitions(q);
  }

  @Public()
  @Get(':code')
  @ApiOperation({
    summary: '一件事 definition: members, the ONE form, its mapping and the dependencies. Public.',
  })
  @ApiOkResponse({ type: BundleDefinitionView })
  @ApiErrors(400, 404)
  get(@Param('code') code: string): Promise<BundleDefinitionView> {
    return this.queries.getDefinition(code);
  }

  @Post()
  @ApiBearerAuth()
  @Roles(ROLES.ADMIN)
  @ApiOperation({ summary: `新建一件事 (admin). ${RULES_NOTE} An existing code is 409.` })
  @ApiCreatedResponse({ type: BundleDefinitionView })
  @ApiErrors(400, 401, 403, 409)
  create(
    @CurrentUser() user: Principal,
    @Body() dto: CreateBundleDefinitionDto,
  ): Promise<BundleDefinitionView> {
    return this.createDefinition.execute({ user, dto });
  }

  @Put(':code')
  @ApiBearerAuth()
  @Roles(ROLES.ADMIN)
  @ApiOperation({
    summary: `修改一件事 (admin): replaces the elements, version + 1; bundles filed earlier keep theirs. ${RULES_NOTE}`,
  })
  @ApiOkResponse({ type: BundleDefinitionView })
  @ApiErrors(400, 401, 403, 404)
  update(
    @CurrentUser() user: Principal,
    @Param('code') code: string,
    @Body() dto: BundleDefinitionElementsDto,
  ): Promise<BundleDefinitionView> {
    return this.updateDefinition.execute({ user, code, dto });
  }
}
