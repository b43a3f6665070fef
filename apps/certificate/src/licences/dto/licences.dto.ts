import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export const LICENCE_ID_PATTERN =
  /^1\.2\.156\.3005\.2\.[0-9A-Z]{21}\.[0-9A-Z]{18}\.[0-9A-Z]{1,40}\.\d{3}\.[0-9A-Z]$/;

/** 用证事由: every query or download of a licence by a department states its purpose (≤ 200 chars). */
export class PurposeQuery {
  @ApiProperty({
    description: '用证事由 (≤ 200 字), recorded in the usage log',
    example: '办理食品经营许可变更核验',
  })
  @IsString()
  @Length(2, 200)
  purpose!: string;
}

export class LicenceIdParam {
  @ApiProperty({ description: '证照标识 (GB/T 36904)' })
  @Matches(LICENCE_ID_PATTERN, { message: 'licenceId must be a GB/T 36904 licence identifier' })
  licenceId!: string;
}
