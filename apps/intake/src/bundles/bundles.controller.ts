import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import {
  ApiErrors,
  ApiPageResponse,
  IDEMPOTENCY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  parseIdempotencyKey,
} from '@app/shared/http';
import { BundleView } from './dto/bundle.response.dto';
import { ListBundlesQuery } from './dto/list-bundles.query.dto';
import { SubmitBundleDto } from './dto/submit-bundle.request.dto';
import { WithdrawBundleDto } from './dto/withdraw-bundle.request.dto';
import { BundleQueries } from './queries/bundle-queries.service';
import { SubmitBundleUseCase } from './use-cases/submit-bundle/submit-bundle.use-case';
import { WithdrawBundleUseCase } from './use-cases/withdraw-bundle/withdraw-bundle.use-case';

/** 一件事一次办: one application fanning out to member cases in their own departments. */
@ApiTags('bundles 一件事')
@ApiBearerAuth()
@Controller('bundles')
export class BundlesController {
  constructor(
    private readonly submitBundle: SubmitBundleUseCase,
    private readonly withdrawBundle: WithdrawBundleUseCase,
    private readonly queries: BundleQueries,
  ) {}

  @Post()
  @Roles(ROLES.APPLICANT)
  @ApiOperation({
    summary:
      '一件事申请 (applicant): ONE form; members without a dependency are filed at once (each case in its own department), the others as soon as their dependency’s result exists.',
  })
  @ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description:
      '8–100 chars, e.g. a UUID per filing: a retry returns the same bundle (Idempotent-Replayed: true)',
  })
  @ApiCreatedResponse({ type: BundleView })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async submit(
    @CurrentUser() user: Principal,
    @Body() dto: SubmitBundleDto,
    @Headers(IDEMPOTENCY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BundleView> {
    const { view, replayed } = await this.submitBundle.execute({
      user,
      dto,
      idempotencyKey: parseIdempotencyKey(key),
    });
    if (replayed) void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
    return view;
  }

  @Get()
  @Roles(ROLES.APPLICANT, ROLES.ADMIN)
  @ApiOperation({ summary: '我的一件事 (applicant: own; admin: all), newest first.' })
  @ApiPageResponse(BundleView)
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() user: Principal, @Query() q: ListBundlesQuery): Promise<Page<BundleView>> {
    return this.queries.listBundles(user, q);
  }

  @Get(':bundleNo')
  @Roles(ROLES.APPLICANT, ROLES.CLERK, ROLES.APPROVER, ROLES.CHIEF, ROLES.DEPT_HEAD, ROLES.ADMIN)
  @ApiOperation({
    summary:
      '一件事详情: each member’s case, department, state and licence, and the combined result (all licences) once every member ended. Staff of a member department get a LIMITED view.',
  })
  @ApiOkResponse({ type: BundleView })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentUser() user: Principal, @Param('bundleNo') bundleNo: string): Promise<BundleView> {
    return this.queries.getBundle(user, bundleNo);
  }

  @Post(':bundleNo/withdraw')
  @HttpCode(200)
  @Roles(ROLES.APPLICANT)
  @ApiOperation({
    summary:
      '撤回整个一件事 (the applicant): every running member is withdrawn (作废办结), members not started are cancelled.',
  })
  @ApiOkResponse({ type: BundleView })
  @ApiErrors(400, 401, 403, 404, 409)
  withdraw(
    @CurrentUser() user: Principal,
    @Param('bundleNo') bundleNo: string,
    @Body() dto: WithdrawBundleDto,
  ): Promise<BundleView> {
    return this.withdrawBundle.execute({ user, bundleNo, reason: dto.reason });
  }
}
