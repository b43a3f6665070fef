import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles, ROLES } from '@app/shared/auth';
import { ApiErrors } from '@app/shared/http';
import { AuthorisationIdParam } from './dto/chief-authorisation.dto';
import { DelegationListView, DelegationView, GrantDelegationRequestDto } from './dto/delegation.dto';
import { DelegationQueries } from './use-cases/delegation-queries/delegation-queries.use-case';
import { GrantDelegationUseCase } from './use-cases/grant-delegation/grant-delegation.use-case';
import { RevokeDelegationUseCase } from './use-cases/revoke-delegation/revoke-delegation.use-case';

@ApiTags('authorisations 跨部门委托')
@ApiBearerAuth()
@Controller('authorisations/delegations')
export class DelegationsController {
  constructor(
    private readonly grant: GrantDelegationUseCase,
    private readonly revoke: RevokeDelegationUseCase,
    private readonly queries: DelegationQueries,
  ) {}

  @Post()
  @Roles(ROLES.ADMIN, ROLES.DEPT_HEAD)
  @ApiOperation({
    summary: '授予跨部门委托. Roles: admin, dept_head (fromDept = own department).',
    description:
      'The approvers / chiefs of toDept may see and decide the cases of fromDept for the items, from ' +
      'validFrom (inclusive) to validTo (exclusive). 400 VALIDATION_FAILED unless both departments are ' +
      'valid USCCs and differ, itemCodes is not empty and validTo is after validFrom; 403 FORBIDDEN ' +
      'when a dept_head delegates another department’s items.',
  })
  @ApiCreatedResponse({ type: DelegationView })
  @ApiErrors(400, 401, 403)
  create(@CurrentUser() user: Principal, @Body() dto: GrantDelegationRequestDto): Promise<DelegationView> {
    return this.grant.execute(user, dto);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Roles(ROLES.ADMIN, ROLES.DEPT_HEAD)
  @ApiOperation({
    summary: '撤销跨部门委托. Roles: admin, dept_head of the delegating department (fromDept).',
    description:
      '404 AUTHORISATION_NOT_FOUND, 403 FORBIDDEN for a dept_head of any other department (the ' +
      'delegate’s included), 409 INVALID_STATE when already revoked.',
  })
  @ApiOkResponse({ type: DelegationView })
  @ApiErrors(400, 401, 403, 404, 409)
  revokeOne(@CurrentUser() user: Principal, @Param() p: AuthorisationIdParam): Promise<DelegationView> {
    return this.revoke.execute(user, p.id);
  }

  @Get()
  @Roles(ROLES.ADMIN, ROLES.DEPT_HEAD)
  @ApiOperation({
    summary:
      '跨部门委托列表 (newest first, with the state now). Roles: admin (all), dept_head (those from or ' +
      'to their department).',
  })
  @ApiOkResponse({ type: DelegationListView })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() user: Principal): Promise<DelegationListView> {
    return this.queries.list(user);
  }
}
