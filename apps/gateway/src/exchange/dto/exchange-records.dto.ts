import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { CASE_NO_RE } from '@app/shared/contracts';
import { PageQuery } from '@app/shared/http';
import { EXCHANGE_STATES, ExchangeRecordEntity, ExchangeState } from '../entities/exchange-record.entity';
import { EXCHANGE_KINDS } from '../mapping/exchange-codes';

export class ListExchangeRecordsQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: EXCHANGE_STATES })
  @IsOptional()
  @IsIn(EXCHANGE_STATES)
  state?: ExchangeState;

  @ApiPropertyOptional({ description: '办件编号' })
  @IsOptional()
  @Matches(CASE_NO_RE)
  caseNo?: string;
}

export class ExchangeRecordIdParam {
  @IsUUID() id!: string;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** One record's delivery state (not its content: that holds the applicant's name and masked ID). */
export class ExchangeRecordView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '办件编号' }) caseNo!: string;
  @ApiProperty({ enum: EXCHANGE_KINDS, description: 'exchange table or 好差评 record' }) kind!: string;
  @ApiProperty() topic!: string;
  @ApiProperty({ format: 'uuid', description: 'ce_id of the event it came from' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) rowGuid!: string;
  @ApiProperty({ enum: ['I', 'U'] }) cdOperation!: string;
  @ApiProperty({ enum: EXCHANGE_STATES }) state!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ format: 'date-time' }) nextAttemptAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastAttemptAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) lastStatus!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: "The province's answer" })
  answer!: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) deliveredAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) deadAt!: string | null;
  @ApiProperty() replays!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static of(r: ExchangeRecordEntity): ExchangeRecordView {
    return {
      id: r.id,
      caseNo: r.caseNo,
      kind: r.kind,
      topic: r.topic,
      eventId: r.eventId,
      rowGuid: r.rowGuid,
      cdOperation: r.cdOperation,
      state: r.state,
      attempts: r.attempts,
      nextAttemptAt: r.nextAttemptAt.toISOString(),
      lastAttemptAt: iso(r.lastAttemptAt),
      lastStatus: r.lastStatus,
      lastError: r.lastError,
      answer: r.answer,
      deliveredAt: iso(r.deliveredAt),
      deadAt: iso(r.deadAt),
      replays: r.replays,
      createdAt: r.createdAt.toISOString(),
    };
  }
}

export class ExchangeReplayView {
  @ApiProperty({ description: 'Records queued again' }) replayed!: number;
}
