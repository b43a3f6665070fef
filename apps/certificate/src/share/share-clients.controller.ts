import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '@app/shared/auth';
import { ApiErrors, ApiPageResponse, PageQuery } from '@app/shared/http';
import {
  AccessIdParam,
  CreateShareClientRequestDto,
  ShareClientSecretView,
  ShareClientView,
  UpdateShareClientRequestDto,
} from './dto/share-client.dto';
import { SharePolicy } from './share.policy';
import { CreateShareClientUseCase } from './use-cases/create-share-client/create-share-client.use-case';
import { DisableShareClientUseCase } from './use-cases/disable-share-client/disable-share-client.use-case';
import { RotateShareClientSecretUseCase } from './use-cases/rotate-share-client-secret/rotate-share-client-secret.use-case';
import {
  ShareClientPage,
  ShareClientQueries,
} from './use-cases/share-client-queries/share-client-queries.use-case';
import { UpdateShareClientUseCase } from './use-cases/update-share-client/update-share-client.use-case';

/** Partner clients of the 证照共享 interface (registered by admins). */
@ApiTags('share-clients 证照共享客户端')
@Controller('share-clients')
export class ShareClientsController {
  constructor(
    private readonly create: CreateShareClientUseCase,
    private readonly queries: ShareClientQueries,
    private readonly update: UpdateShareClientUseCase,
    private readonly disable: DisableShareClientUseCase,
    private readonly rotate: RotateShareClientSecretUseCase,
  ) {}

  @Post()
  @SharePolicy.administerClients()
  @ApiOperation({
    summary: `注册共享客户端 (the secret is answered once). ${SharePolicy.adminsText}`,
    description:
      'accessId, name, department (统一社会信用代码, check digit validated), the licence types and the ' +
      'operations granted. 400 VALIDATION_FAILED, 409 INVALID_STATE when the accessId is taken.',
  })
  @ApiCreatedResponse({ type: ShareClientSecretView })
  @ApiErrors(400, 401, 403, 409)
  createOne(
    @CurrentUser() user: Principal,
    @Body() dto: CreateShareClientRequestDto,
  ): Promise<ShareClientSecretView> {
    return this.create.execute(user, dto);
  }

  @Get()
  @SharePolicy.administerClients()
  @ApiOperation({ summary: `共享客户端列表 (newest first, paginated). ${SharePolicy.adminsText}` })
  @ApiPageResponse(ShareClientView)
  @ApiErrors(400, 401, 403)
  list(@Query() q: PageQuery): Promise<ShareClientPage> {
    return this.queries.list(q.page, q.pageSize);
  }

  @Get(':accessId')
  @SharePolicy.administerClients()
  @ApiOperation({ summary: `共享客户端 (never its secret). ${SharePolicy.adminsText}` })
  @ApiOkResponse({ type: ShareClientView })
  @ApiErrors(400, 401, 403, 404)
  getOne(@Param() p: AccessIdParam): Promise<ShareClientView> {
    return this.queries.get(p.accessId);
  }

  @Patch(':accessId')
  @SharePolicy.administerClients()
  @ApiOperation({
    summary: `修改共享客户端 (name, department name, licence types, operations). ${SharePolicy.adminsText}`,
  })
  @ApiOkResponse({ type: ShareClientView })
  @ApiErrors(400, 401, 403, 404)
  updateOne(
    @CurrentUser() user: Principal,
    @Param() p: AccessIdParam,
    @Body() dto: UpdateShareClientRequestDto,
  ): Promise<ShareClientView> {
    return this.update.execute(user, p.accessId, dto);
  }

  @Post(':accessId/disable')
  @HttpCode(200)
  @SharePolicy.administerClients()
  @ApiOperation({
    summary: `停用共享客户端: its tokens end now, getToken answers 11. ${SharePolicy.adminsText}`,
  })
  @ApiOkResponse({ type: ShareClientView })
  @ApiErrors(400, 401, 403, 404)
  disableOne(@CurrentUser() user: Principal, @Param() p: AccessIdParam): Promise<ShareClientView> {
    return this.disable.execute(user, p.accessId);
  }

  @Post(':accessId/rotate-secret')
  @HttpCode(200)
  @SharePolicy.administerClients()
  @ApiOperation({
    summary: `更换访问密钥 (answered once; the old secret and its tokens end now). ${SharePolicy.adminsText}`,
  })
  @ApiOkResponse({ type: ShareClientSecretView })
  @ApiErrors(400, 401, 403, 404)
  rotateSecret(@CurrentUser() user: Principal, @Param() p: AccessIdParam): Promise<ShareClientSecretView> {
    return this.rotate.execute(user, p.accessId);
  }
}
