import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { ApiErrors } from '@app/shared/http';
import {
  AuthorisationIdParam,
  ChiefAuthorisationListView,
  ChiefAuthorisationView,
  GrantChiefAuthorisationRequestDto,
} from './dto/chief-authorisation.dto';
import { ChiefAuthorisationQueries } from './use-cases/chief-authorisation-queries/chief-authorisation-queries.use-case';
import { GrantChiefAuthorisationUseCase } from './use-cases/grant-chief-authorisation/grant-chief-authorisation.use-case';
import { RevokeChiefAuthorisationUseCase } from './use-cases/revoke-chief-authorisation/revoke-chief-authorisation.use-case';

@ApiTags('authorisations 首席代表授权')
@ApiBearerAuth()
@Controller('authorisations/chief')
export class AuthorisationsController {
  constructor(
    private readonly grant: GrantChiefAuthorisationUseCase,
    private readonly revoke: RevokeChiefAuthorisationUseCase,
    private readonly queries: ChiefAuthorisationQueries,
  ) {}

  @Post()
  @Roles(ROLES.ADMIN, ROLES.DEPT_HEAD)
  @ApiOperation({
    summary: '授予首席代表权限. Roles: admin, dept_head (部门负责人, own department only).',
    description:
      'Department, optionally the 首席代表 it names (holderSub; otherwise any chief of the department), ' +
      'scope (item codes and/or 事项类型), valid from (inclusive) to (exclusive). ' +
      '400 VALIDATION_FAILED without a scope or when validTo is not after validFrom; ' +
      '403 FORBIDDEN when a dept_head names another department. grantedBy records the grantor.',
  })
  @ApiCreatedResponse({ type: ChiefAuthorisationView })
  @ApiErrors(400, 401, 403)
  create(
    @CurrentUser() user: Principal,
    @Body() dto: GrantChiefAuthorisationRequestDto,
  ): Promise<ChiefAuthorisationView> {
    return this.grant.execute(user, dto);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles(ROLES.ADMIN, ROLES.DEPT_HEAD)
  @ApiOperation({
    summary: '撤销首席代表权限. Roles: admin, dept_head (own department only).',
    description:
      '404 AUTHORISATION_NOT_FOUND, 403 FORBIDDEN for a dept_head of another department, ' +
      '409 INVALID_STATE when already revoked. revokedBy records who revoked it.',
  })
  @ApiOkResponse({ type: ChiefAuthorisationView })
  @ApiErrors(400, 401, 403, 404, 409)
  revokeOne(
    @CurrentUser() user: Principal,
    @Param() p: AuthorisationIdParam,
  ): Promise<ChiefAuthorisationView> {
    return this.revoke.execute(user, p.id);
  }

  @Get()
  @Roles(ROLES.ADMIN, ROLES.DEPT_HEAD)
  @ApiOperation({
    summary:
      '首席代表授权列表 (newest first, with the state now). Roles: admin (all), dept_head (own department).',
  })
  @ApiOkResponse({ type: ChiefAuthorisationListView })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() user: Principal): Promise<ChiefAuthorisationListView> {
    return this.queries.list(user);
  }
}
