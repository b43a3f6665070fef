import { ApiProperty } from '@nestjs/swagger';

export class UsageEntryView {
  @ApiProperty({ enum: ['QUERY', 'DOWNLOAD', 'VERIFY_QR', 'VERIFY_FILE'] }) action!: string;
  @ApiProperty({ description: 'the caller’s subject, or "public" for verification' }) requester!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the caller’s department code' })
  dept!: string | null;
  @ApiProperty({ description: '用证事由' }) purpose!: string;
  @ApiProperty({ example: 'OK' }) result!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** 用证记录: the latest uses of a licence, newest first. */
export class UsageLog {
  @ApiProperty() licenceId!: string;
  @ApiProperty({ type: [UsageEntryView], description: 'at most 200, newest first' })
  entries!: UsageEntryView[];
}
