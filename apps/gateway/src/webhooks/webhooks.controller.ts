import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { ApiErrors, ApiPageResponse } from '@app/shared/http';
import {
  CreateSubscriptionRequestDto,
  ListSubscriptionsQueryDto,
  ReplaceSubscriptionRequestDto,
  SubscriptionIdParam,
  UpdateSubscriptionRequestDto,
} from './dto/subscription.request.dto';
import {
  SecretRotatedView,
  SubscriptionCreatedView,
  SubscriptionView,
} from './dto/subscription.response.dto';
import { CreateSubscriptionUseCase } from './use-cases/create-subscription/create-subscription.use-case';
import { RotateSecretUseCase } from './use-cases/rotate-secret/rotate-secret.use-case';
import { SubscriptionQueries } from './use-cases/subscription-queries/subscription-queries.use-case';
import { UpdateSubscriptionUseCase } from './use-cases/update-subscription/update-subscription.use-case';

/** The gateway's own routes (not forwarded): the public path is declared here in full. */
export const WEBHOOKS_PATH = 'api/v1/webhooks/subscriptions';

const TARGET_RULES =
  '400 WEBHOOK_TARGET_INVALID / WEBHOOK_TARGET_NOT_HTTPS / WEBHOOK_TARGET_FORBIDDEN (private, loopback, ' +
  'link-local or metadata address) / WEBHOOK_TARGET_UNRESOLVABLE; 400 VALIDATION_FAILED for an unknown topic.';

@ApiTags('webhooks 合作方事件推送')
@ApiBearerAuth()
@Controller(WEBHOOKS_PATH)
export class WebhooksController {
  constructor(
    private readonly create: CreateSubscriptionUseCase,
    private readonly update: UpdateSubscriptionUseCase,
    private readonly rotate: RotateSecretUseCase,
    private readonly queries: SubscriptionQueries,
  ) {}

  @Post()
  @Roles(ROLES.ADMIN)
  @ApiOperation({
    summary: '创建事件推送订阅. Role: admin.',
    description: `Events of the given topics (filtered by department and/or item) are POSTed to the target, signed per Standard Webhooks. The signing secret is returned once. ${TARGET_RULES}`,
  })
  @ApiCreatedResponse({ type: SubscriptionCreatedView })
  @ApiErrors(400, 401, 403)
  subscribe(
    @CurrentUser() user: Principal,
    @Body() dto: CreateSubscriptionRequestDto,
  ): Promise<SubscriptionCreatedView> {
    return this.create.execute(user, dto);
  }

  @Get()
  @Roles(ROLES.ADMIN)
  @ApiOperation({ summary: '事件推送订阅列表 (newest first). Role: admin.' })
  @ApiPageResponse(SubscriptionView)
  @ApiErrors(400, 401, 403)
  list(
    @CurrentUser() user: Principal,
    @Query() q: ListSubscriptionsQueryDto,
  ): Promise<Page<SubscriptionView>> {
    return this.queries.list(user, q);
  }

  @Get(':id')
  @Roles(ROLES.ADMIN)
  @ApiOperation({ summary: '事件推送订阅. Role: admin.', description: '404 WEBHOOK_SUBSCRIPTION_NOT_FOUND.' })
  @ApiOkResponse({ type: SubscriptionView })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentUser() user: Principal, @Param() p: SubscriptionIdParam): Promise<SubscriptionView> {
    return this.queries.get(user, p.id);
  }

  @Patch(':id')
  @Roles(ROLES.ADMIN)
  @ApiOperation({
    summary: '修改 / 停用 / 重新启用订阅. Role: admin.',
    description: `Only the fields given change; \`enabled: true\` re-enables (counters reset, queued deliveries resume). ${TARGET_RULES}`,
  })
  @ApiOkResponse({ type: SubscriptionView })
  @ApiErrors(400, 401, 403, 404)
  patch(
    @CurrentUser() user: Principal,
    @Param() p: SubscriptionIdParam,
    @Body() dto: UpdateSubscriptionRequestDto,
  ): Promise<SubscriptionView> {
    return this.update.execute(user, p.id, dto, 'patch');
  }

  @Put(':id')
  @Roles(ROLES.ADMIN)
  @ApiOperation({
    summary: '替换订阅. Role: admin.',
    description: `Every field; absent filters mean every department / item. ${TARGET_RULES}`,
  })
  @ApiOkResponse({ type: SubscriptionView })
  @ApiErrors(400, 401, 403, 404)
  replace(
    @CurrentUser() user: Principal,
    @Param() p: SubscriptionIdParam,
    @Body() dto: ReplaceSubscriptionRequestDto,
  ): Promise<SubscriptionView> {
    return this.update.execute(user, p.id, dto, 'replace');
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Roles(ROLES.ADMIN)
  @ApiOperation({
    summary: '轮换签名密钥. Role: admin.',
    description:
      'The new secret is returned once; the old one keeps signing beside it (two signatures in `webhook-signature`) for WEBHOOK_SECRET_OVERLAP_SECONDS (default 24 h).',
  })
  @ApiOkResponse({ type: SecretRotatedView })
  @ApiErrors(400, 401, 403, 404)
  rotateSecret(@CurrentUser() user: Principal, @Param() p: SubscriptionIdParam): Promise<SecretRotatedView> {
    return this.rotate.execute(user, p.id);
  }
}
