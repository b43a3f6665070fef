import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SUBMIT_CHANNEL_CODES } from '@app/shared/codes';
import { IsText } from '@app/shared/validation';

/** 申报方式 0 窗口: the applicant came in person. */
export const WINDOW_CHANNEL = '0';

/** The visits (到现场次数) one delivery costs the applicant: 1 at a window, 0 through any other channel. */
export function visitOf(channel: string | undefined): number {
  return channel === WINDOW_CHANNEL ? 1 : 0;
}

/** How a delivery of materials reached the department (补正, 容缺): a window visit counts for 最多跑一次. */
export class DeliveryChannelDto {
  @ApiPropertyOptional({
    enum: SUBMIT_CHANNEL_CODES,
    default: '1',
    description: '送达方式 (申报方式 codes): 0 窗口 counts as a visit (到现场次数), 1 网上 …',
  })
  @IsOptional()
  @IsText({ max: 1 })
  @IsIn(SUBMIT_CHANNEL_CODES)
  submitChannel?: string;
}
