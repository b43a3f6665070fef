import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export const LICENCE_ID_PATTERN =
  /^1\.2\.156\.3005\.2\.[0-9A-Z]{21}\.[0-9A-Z]{18}\.[0-9A-Z]{1,40}\.\d{3}\.[0-9A-Z]$/;

export class LicenceIdParam {
  @ApiProperty({ description: '证照标识 (GB/T 36904)', pattern: LICENCE_ID_PATTERN.source })
  @Matches(LICENCE_ID_PATTERN, { message: 'licenceId must be a GB/T 36904 licence identifier' })
  licenceId!: string;
}
