import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Public, Roles, ROLES } from '@app/shared/auth';
import { Page } from '@app/shared/database';
import { ApiErrors, ApiPageResponse, Cacheable } from '@app/shared/http';
import { ExchangePublicKeyView } from './dto/exchange-public-key.response.dto';
import {
  ExchangeRecordIdParam,
  ExchangeRecordView,
  ExchangeReplayView,
  ListExchangeRecordsQueryDto,
} from './dto/exchange-records.dto';
import { ExchangeRecordsUseCase } from './use-cases/exchange-records/exchange-records.use-case';
import { GetExchangePublicKeyUseCase } from './use-cases/get-exchange-public-key/get-exchange-public-key.use-case';

export const EXCHANGE_PATH = 'api/v1/exchange';

@ApiTags('exchange 省级平台数据交换')
@ApiBearerAuth()
@Controller(EXCHANGE_PATH)
export class ExchangeController {
  constructor(
    private readonly records: ExchangeRecordsUseCase,
    private readonly publicKey: GetExchangePublicKeyUseCase,
  ) {}

  @Get('public-key')
  @Public()
  @Cacheable(300)
  @ApiOperation({
    summary: '我方交换签名公钥 (SM2): verifies the `sign` of every envelope we push. Public.',
    description:
      'Hex (uncompressed point) and PEM SubjectPublicKeyInfo, with its key id. 404 while no key is configured.',
  })
  @ApiOkResponse({ type: ExchangePublicKeyView })
  @ApiErrors(400, 404)
  getPublicKey(): ExchangePublicKeyView {
    return this.publicKey.execute();
  }

  @Get('records')
  @Roles(ROLES.ADMIN)
  @ApiOperation({
    summary: '省级平台推送记录 (newest first, filter by state / case). Role: admin.',
    description: 'PENDING (waiting for its turn or retrying), DELIVERED, DEAD (after EXCHANGE_MAX_ATTEMPTS).',
  })
  @ApiPageResponse(ExchangeRecordView)
  @ApiErrors(400, 401, 403)
  list(
    @CurrentUser() user: Principal,
    @Query() q: ListExchangeRecordsQueryDto,
  ): Promise<Page<ExchangeRecordView>> {
    return this.records.list(user, q);
  }

  @Get('records/:id')
  @Roles(ROLES.ADMIN)
  @ApiOperation({ summary: '一条推送记录. Role: admin.' })
  @ApiOkResponse({ type: ExchangeRecordView })
  @ApiErrors(400, 401, 403, 404)
  get(@CurrentUser() user: Principal, @Param() p: ExchangeRecordIdParam): Promise<ExchangeRecordView> {
    return this.records.get(user, p.id);
  }

  @Post('records/:id/replay')
  @HttpCode(200)
  @Roles(ROLES.ADMIN)
  @ApiOperation({
    summary: '重放一条推送记录. Role: admin.',
    description:
      'A dead or delivered record is queued again (same row_guid, fresh attempts); the records behind it in its case follow in order. 404 unknown, 409 INVALID_STATE while it is pending.',
  })
  @ApiOkResponse({ type: ExchangeReplayView })
  @ApiErrors(400, 401, 403, 404, 409)
  replay(@CurrentUser() user: Principal, @Param() p: ExchangeRecordIdParam): Promise<ExchangeReplayView> {
    return this.records.replayOne(user, p.id);
  }

  @Post('dead-letters/replay')
  @HttpCode(200)
  @Roles(ROLES.ADMIN)
  @ApiOperation({ summary: '重放全部死信记录. Role: admin.' })
  @ApiOkResponse({ type: ExchangeReplayView })
  @ApiErrors(400, 401, 403)
  replayDead(@CurrentUser() user: Principal): Promise<ExchangeReplayView> {
    return this.records.replayDead(user);
  }
}
