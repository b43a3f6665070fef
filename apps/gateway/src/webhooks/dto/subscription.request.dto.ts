import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsText } from '@app/shared/validation';
import { PageQuery } from '@app/shared/http';
import { DELIVERY_STATES } from '../entities/webhook-delivery.entity';
import { SUBSCRIPTION_STATUSES } from '../entities/webhook-subscription.entity';
import { WEBHOOK_TOPICS } from '../webhook-topics';

const DEPT_RE = /^[0-9A-Z]{18}$/;
const ITEM_RE = /^[0-9A-Za-z_.-]{1,50}$/;

/** POST /webhooks/subscriptions (and PUT, which replaces every field). */
export class CreateSubscriptionRequestDto {
  @ApiProperty({ description: '合作方名称 / partner name', maxLength: 100, example: '市税务局' })
  @IsText({ max: 100 })
  partnerName!: string;

  @ApiProperty({
    description:
      'https URL the events are POSTed to. Refused (400) when it resolves to a private, loopback, link-local or metadata address.',
    maxLength: 2000,
    example: 'https://partner.example/webhooks/gov',
  })
  @IsString()
  @MaxLength(2000)
  targetUrl!: string;

  @ApiProperty({
    description: 'Topics to receive (published domain topics only; never a `.dlq`).',
    type: [String],
    enum: WEBHOOK_TOPICS,
    minItems: 1,
    maxItems: 100,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsIn(WEBHOOK_TOPICS, { each: true, message: 'each of eventTypes must be a published domain topic' })
  eventTypes!: string[];

  @ApiPropertyOptional({
    description: 'Only events of these departments (统一社会信用代码); empty or absent = every department.',
    type: [String],
    maxItems: 100,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(DEPT_RE, { each: true })
  deptCodes?: string[];

  @ApiPropertyOptional({
    description: 'Only events of these items (实施编码); empty or absent = every item.',
    type: [String],
    maxItems: 100,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(ITEM_RE, { each: true })
  itemCodes?: string[];
}

/** PUT /webhooks/subscriptions/{id}: every field, plus `enabled`. */
export class ReplaceSubscriptionRequestDto extends CreateSubscriptionRequestDto {
  @ApiPropertyOptional({ description: 'true re-enables (counters reset), false disables.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** PATCH /webhooks/subscriptions/{id}: only the fields given change. */
export class UpdateSubscriptionRequestDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsText({ max: 100 })
  partnerName?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  targetUrl?: string;

  @ApiPropertyOptional({ type: [String], enum: WEBHOOK_TOPICS, minItems: 1, maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsIn(WEBHOOK_TOPICS, { each: true, message: 'each of eventTypes must be a published domain topic' })
  eventTypes?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(DEPT_RE, { each: true })
  deptCodes?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(ITEM_RE, { each: true })
  itemCodes?: string[];

  @ApiPropertyOptional({
    description: 'true re-enables (counters reset, queued deliveries resume), false disables.',
  })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class SubscriptionIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class DeliveryParams extends SubscriptionIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  deliveryId!: string;
}

/** GET /webhooks/subscriptions */
export class ListSubscriptionsQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: SUBSCRIPTION_STATUSES })
  @IsOptional()
  @IsIn(SUBSCRIPTION_STATUSES)
  status?: (typeof SUBSCRIPTION_STATUSES)[number];
}

/** GET /webhooks/subscriptions/{id}/deliveries */
export class ListDeliveriesQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATES })
  @IsOptional()
  @IsIn(DELIVERY_STATES)
  state?: (typeof DELIVERY_STATES)[number];
}
