import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const VERIFICATION_REASONS = [
  'MALFORMED',
  'UNKNOWN_KEY',
  'BAD_SIGNATURE',
  'NOT_FOUND',
  'REVOKED',
  'SUPERSEDED',
  'EXPIRED',
  'RECORD_TAMPERED',
  'RECORD_MISMATCH',
  'FILE_NOT_ISSUED',
] as const;
export type VerificationReason = (typeof VERIFICATION_REASONS)[number];

/** What a public verification shows of a licence: signed data only, the holder's name masked for persons. */
export class VerifiedLicenceView {
  @ApiProperty() licenceId!: string;
  @ApiProperty() typeName!: string;
  @ApiProperty({ description: 'a natural person’s name shows only its first character', example: '张*' })
  holderName!: string;
  @ApiProperty() issuerName!: string;
  @ApiProperty({ format: 'date' }) issueDate!: string;
  @ApiProperty({ format: 'date', type: String, nullable: true }) validTo!: string | null;
  @ApiProperty({ example: '001' }) version!: string;
  @ApiProperty({ enum: ['ISSUED', 'REVOKED'], description: 'the record’s current state (not signed)' })
  status!: string;
}

/** 核验结果 of a QR token. */
export class VerificationResult {
  @ApiProperty() valid!: boolean;
  @ApiPropertyOptional({ enum: VERIFICATION_REASONS, description: 'why the licence is not valid' })
  reason?: VerificationReason;
  @ApiProperty({
    description: '中文 / English',
    example: '证照真实有效 / The licence is authentic and valid',
  })
  message!: string;
  @ApiPropertyOptional({
    type: VerifiedLicenceView,
    description: 'absent when the token or the record cannot be trusted',
  })
  licence?: VerifiedLicenceView;
}

/** 核验结果 of an uploaded file, with the file's hash. */
export class FileVerificationResult extends VerificationResult {
  @ApiProperty({ description: 'SM3 of the uploaded file (hex)' }) fileSm3!: string;
}
